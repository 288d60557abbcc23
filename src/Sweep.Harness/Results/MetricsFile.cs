using System.Globalization;

namespace Sweep.Harness.Results;

/// <summary>A trial's metrics.csv: one row per finished epoch.</summary>
public static class MetricsFile
{
    public static readonly string[] Header = ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
        "learning_rate", "seconds"];

    /// <summary>Written after <see cref="Header"/>, and optional when read: files from before cores were lent lack
    /// it.</summary>
    public const string LentShareColumn = "lent_share";

    /// <summary>Writes the rows; a program's other metrics (<see cref="EpochRow.Extra"/>) as columns after Sweep's
    /// own, in the order they first appear.</summary>
    public static void Write(string path, IReadOnlyList<EpochRow> rows)
    {
        var extra = rows.SelectMany(r => r.Extra?.Keys ?? []).Distinct().ToList();
        CsvFiles.Write(path, [.. Header, LentShareColumn, .. extra],
            rows.Select(r =>
                (IReadOnlyList<object?>)[r.Epoch, r.TrainLoss, r.TrainAccuracy, r.ValidationLoss, r.ValidationAccuracy,
                r.LearningRate, r.Seconds, r.LentShare,
                .. extra.Select(k => r.Extra?.TryGetValue(k, out double v) == true ? (object?)v : null)]));
    }

    /// <summary>The rows of a metrics.csv (none when there is no file).</summary>
    /// <exception cref="ResultsFileException">A column is missing or a cell is not a number; names the
    /// line.</exception>
    public static List<EpochRow> Read(string path)
    {
        if (!File.Exists(path)) return [];
        var table = CsvFiles.Read(path, Header, Remedy);
        var rows = table.Rows;
        var extra = table.Header.Where(c => !Header.Contains(c) && c != LentShareColumn).ToList();
        var epochs = new List<EpochRow>(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            int line = i + 2;
            double D(string column) => double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture,
                out double v) ? v
                : throw Damaged(path, $"line {line}: {column} '{r[column]}' is not a number");
            double? N(string column) => r[column].Length == 0 ? null : D(column);
            if (!int.TryParse(r["epoch"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int epoch))
                throw Damaged(path, $"line {line}: epoch '{r["epoch"]}' is not a whole number");
            double lent = r.ContainsKey(LentShareColumn) ? D(LentShareColumn) : 0;
            if (lent is < 0 or > 1)
                throw Damaged(path, $"line {line}: {LentShareColumn} {lent} is not a share (0 to 1)");
            epochs.Add(new EpochRow(epoch, N("train_loss"), N("train_accuracy"), N("val_loss"), N("val_accuracy"),
                N("learning_rate"), D("seconds"), lent)
            {
                Extra = extra.Count == 0 ? null
                    : extra.Where(c => N(c) is not null).ToDictionary(c => c, c => N(c)!.Value),
            });
        }
        return epochs;
    }

    private const string Remedy =
        "The runner never writes such a file; delete the trial's folder to train the trial again from scratch.";

    private static ResultsFileException Damaged(string path, string problem) =>
        ResultsFileException.Damaged(path, $"{problem}.", Remedy);
}
