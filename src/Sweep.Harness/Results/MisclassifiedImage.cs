namespace Sweep.Harness.Results;

/// <summary>One row of misclassified.csv; Pixels are [Rows·Columns] bytes, 255 = ink.</summary>
public sealed record MisclassifiedImage(int Sample, int Label, int Predicted, int Rows, int Columns, byte[] Pixels);
