namespace Sweep.Data.Formats;

/// <summary>How a CSV of images is laid out.</summary>
/// <param name="HasHeader">The first line names the columns and is skipped.</param>
/// <param name="LabelFirst">The label is the first column (tutorial CSVs) rather than the last (the 8×8
/// digits).</param>
/// <param name="MaxPixel">Largest legal pixel value: 16 for the 8×8 digits, 255 for MNIST as CSV.</param>
public sealed record CsvImageLayout(bool HasHeader, bool LabelFirst, int Side, byte MaxPixel)
{
    /// <summary>scikit-learn's digits.csv: no header, 64 pixel counts 0..16, then the label.</summary>
    public static CsvImageLayout Digits8x8 { get; } = new(false, false, 8, 16);

    /// <summary>The "label,pixel0,...,pixel783" CSV of many MNIST tutorials, with its header line.</summary>
    public static CsvImageLayout LabelThenPixels28 { get; } = new(true, true, 28, 255);
}
