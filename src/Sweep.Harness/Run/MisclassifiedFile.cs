using System.Globalization;
using Sweep.Core.Metrics;
using Sweep.Data.Splits;

namespace Sweep.Harness.Run;

/// <summary>
/// misclassified.csv: the first test images the trained model gets wrong, with their pixels (hex, 0-255, row by
/// row), so the report can show them from the results folder alone, without the data set.
/// </summary>
public static class MisclassifiedFile
{
    public const int Limit = 32;
    public static readonly string[] Header = ["sample", "label", "predicted", "rows", "columns", "pixels"];

    public static void Write(string path, Evaluation test, ImageSampleSource source)
    {
        var images = source.Images;
        var rows = Enumerable.Range(0, source.Count)
            .Where(i => test.Predictions[i] != images.Labels[source.Indices[i]])
            .Take(Limit)
            .Select(i =>
            {
                int sample = source.Indices[i];
                var scaled = images.Image(sample).ToArray().Select(p => (byte)(p * 255 / images.MaxPixel)).ToArray();
                return (IReadOnlyList<object?>)[sample, images.Labels[sample], test.Predictions[i], images.Rows, images.Columns, Convert.ToHexString(scaled)];
            });
        CsvFiles.Write(path, Header, rows);
    }

    public static List<MisclassifiedImage> Read(string path)
    {
        if (!File.Exists(path)) return [];
        static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
        return CsvFiles.Read(path).Select(r => new MisclassifiedImage(I(r["sample"]), I(r["label"]), I(r["predicted"]), I(r["rows"]), I(r["columns"]), Convert.FromHexString(r["pixels"]))).ToList();
    }
}

/// <summary>One row of misclassified.csv; Pixels are [Rows·Columns] bytes, 255 = ink.</summary>
public sealed record MisclassifiedImage(int Sample, int Label, int Predicted, int Rows, int Columns, byte[] Pixels);
