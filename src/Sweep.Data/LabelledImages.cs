namespace Sweep.Data;

/// <summary>
/// A data set as it sits in memory: raw pixel bytes, one row of Features bytes per sample, and a label per sample.
/// Held once per process and shared read-only by every trial; conversion to floats happens per batch.
/// </summary>
public sealed class LabelledImages
{
    public LabelledImages(byte[] pixels, byte[] labels, int rows, int columns, int classes, byte maxPixel)
    {
        if (pixels.Length != (long)labels.Length * rows * columns)
            throw new ArgumentException(
                $"{labels.Length} images of {rows}×{columns} need {labels.Length * rows * columns} pixels, got " +
                $"{pixels.Length}.");
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        Classes = classes;
        MaxPixel = maxPixel;
    }

    /// <summary>pixels[N, Rows·Columns], row-major images.</summary>
    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public int Rows { get; }
    public int Columns { get; }
    public int Features => Rows * Columns;
    public int Count => Labels.Length;
    public int Classes { get; }

    /// <summary>The largest value a pixel can take in this format (255 for IDX, 16 for the 8×8 digits): inputs are
    /// scaled by 1/MaxPixel.</summary>
    public byte MaxPixel { get; }

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Features, Features);

    public int[] LabelHistogram()
    {
        var counts = new int[Classes];
        foreach (byte label in Labels) counts[label]++;
        return counts;
    }
}
