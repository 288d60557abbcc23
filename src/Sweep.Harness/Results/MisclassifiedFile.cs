using System.Globalization;
using Sweep.Core.Metrics;
using Sweep.Data.Splits;

namespace Sweep.Harness.Results;

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
                return (IReadOnlyList<object?>)[sample, images.Labels[sample], test.Predictions[i], images.Rows,
                    images.Columns, Convert.ToHexString(scaled)];
            });
        CsvFiles.Write(path, Header, rows);
    }

    /// <summary>The images (none when the trial has no such file, e.g. it failed before testing).</summary>
    /// <exception cref="ResultsFileException">A cell that is not what the writer writes, naming its line and
    /// column.</exception>
    public static List<MisclassifiedImage> Read(string path)
    {
        if (!File.Exists(path)) return [];
        const string remedy = "Sweep writes it whole; delete the trial's folder and run the sweep again to rewrite it.";
        var table = CsvFiles.Read(path, Header, remedy);
        var images = new List<MisclassifiedImage>(table.Rows.Count);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            int I(string column, int max) => int.TryParse(r[column], NumberStyles.None, CultureInfo.InvariantCulture,
                out int v) && v <= max ? v
                : throw table.Damaged(i, $"{column} '{r[column]}' is not a whole number from 0 to {max}", remedy);
            int rows = I("rows", 4096), columns = I("columns", 4096);
            byte[] pixels;
            try { pixels = Convert.FromHexString(r["pixels"]); }
            catch (FormatException) { throw table.Damaged(i, "pixels is not hexadecimal", remedy); }
            if (pixels.Length != rows * columns)
                throw table.Damaged(i, $"pixels holds {pixels.Length} bytes, not rows × columns = {rows * columns}",
                    remedy);
            images.Add(new MisclassifiedImage(I("sample", int.MaxValue), I("label", 1023), I("predicted", 1023), rows,
                columns, pixels));
        }
        return images;
    }
}
