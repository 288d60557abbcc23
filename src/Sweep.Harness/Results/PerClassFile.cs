using System.Globalization;
using Sweep.Core.Metrics;

namespace Sweep.Harness.Results;

/// <summary>One class's scores on the test set: a row of per_class.csv.</summary>
public sealed record ClassScores(int Class, double Precision, double Recall, double F1, long Support);

/// <summary>per_class.csv: precision, recall, F1 and support of each class on the test set. One column list, used by
/// the writer and the reader.</summary>
public static class PerClassFile
{
    private static readonly string[] Columns = ["class", "precision", "recall", "f1", "support"];

    public static void Write(string path, ConfusionMatrix m) =>
        CsvFiles.Write(path, Columns, Enumerable.Range(0, m.Classes)
            .Select(c => (IReadOnlyList<object?>)[c, m.Precision(c), m.Recall(c), m.F1(c), m.Support(c)]));

    /// <summary>The rows in class order; null when the trial has no such file (it failed before testing).</summary>
    /// <exception cref="ResultsFileException">A cell that is not what the writer writes; names the line.</exception>
    public static IReadOnlyList<ClassScores>? Read(string path)
    {
        if (!File.Exists(path)) return null;
        const string remedy = "Sweep writes it whole; delete the trial's folder and run the sweep again to rewrite it.";
        var table = CsvFiles.Read(path, Columns, remedy);
        var rows = new List<ClassScores>(table.Rows.Count);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            double Score(string column) => double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture,
                out double v) ? v : throw table.Damaged(i, $"{column} '{r[column]}' is not a number", remedy);
            long Count(string column) => long.TryParse(r[column], NumberStyles.None, CultureInfo.InvariantCulture,
                out long v) ? v : throw table.Damaged(i, $"{column} '{r[column]}' is not a count", remedy);
            rows.Add(new ClassScores((int)Count("class"), Score("precision"), Score("recall"), Score("f1"),
                Count("support")));
        }
        return rows;
    }
}
