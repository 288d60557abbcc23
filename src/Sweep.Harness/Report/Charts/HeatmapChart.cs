namespace Sweep.Harness.Report.Charts;

/// <summary>A matrix of counts (a confusion matrix: rows actual, columns predicted), each cell shaded by its share
/// of its row and labelled with its count.</summary>
public sealed record HeatmapChart(string Title, string FileName, string ColumnLabel, string RowLabel, IReadOnlyList<string> Columns, IReadOnlyList<string> Rows, long[][] Counts)
    : Chart(Title, FileName);
