using System.Globalization;
using Sweep.Core.Metrics;

namespace Sweep.Harness.Results;

/// <summary>confusion.csv: rows are the actual class, columns `predicted_0`... the predicted one.</summary>
public static class ConfusionFile
{
    public static void Write(string path, ConfusionMatrix m) =>
        CsvFiles.Write(path, ["actual", .. Enumerable.Range(0, m.Classes).Select(c => $"predicted_{c}")],
            Enumerable.Range(0, m.Classes)
            .Select(a => (IReadOnlyList<object?>)[a, .. Enumerable.Range(0, m.Classes).Select(p => (object?)m[a, p])]));

    /// <summary>counts[actual][predicted]; null when the trial has no such file (it failed before testing).</summary>
    /// <exception cref="ResultsFileException">Not a square table of counts; names the line and column.</exception>
    public static long[][]? Read(string path)
    {
        if (!File.Exists(path)) return null;
        const string remedy = "Sweep writes it whole; delete the trial's folder and run the sweep again to rewrite it.";
        var table = CsvFiles.Read(path, ["actual"], remedy);
        int classes = table.Rows.Count;
        if (table.Header.Count != classes + 1)
            throw ResultsFileException.Damaged(path,
                $"has {classes} rows but {table.Header.Count - 1} predicted columns; a confusion matrix is square.",
                remedy);
        var counts = new long[classes][];
        for (int a = 0; a < classes; a++)
        {
            counts[a] = new long[classes];
            for (int p = 0; p < classes; p++)
                if (!table.Rows[a].TryGetValue($"predicted_{p}", out var s)
                    || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out counts[a][p]))
                    throw table.Damaged(a, $"predicted_{p} is missing or not a count", remedy);
        }
        return counts;
    }
}
