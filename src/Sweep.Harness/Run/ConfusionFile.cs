using System.Globalization;
using Sweep.Core.Metrics;

namespace Sweep.Harness.Run;

/// <summary>confusion.csv: rows are the actual class, columns `predicted_0`... the predicted one.</summary>
public static class ConfusionFile
{
    public static void Write(string path, ConfusionMatrix m) =>
        CsvFiles.Write(path, ["actual", .. Enumerable.Range(0, m.Classes).Select(c => $"predicted_{c}")],
            Enumerable.Range(0, m.Classes).Select(a => (IReadOnlyList<object?>)[a, .. Enumerable.Range(0, m.Classes).Select(p => (object?)m[a, p])]));

    /// <summary>counts[actual][predicted]; null when the file is missing or not a square table of counts.</summary>
    public static long[][]? Read(string path)
    {
        if (!File.Exists(path)) return null;
        var rows = CsvFiles.Read(path);
        var counts = new long[rows.Count][];
        for (int a = 0; a < rows.Count; a++)
        {
            counts[a] = new long[rows.Count];
            for (int p = 0; p < rows.Count; p++)
                if (!rows[a].TryGetValue($"predicted_{p}", out var s) || !long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out counts[a][p])) return null;
        }
        return counts;
    }
}
