using System.Globalization;

namespace Sweep.Harness.Run;

/// <summary>A trial's metrics.csv: one row per finished epoch.</summary>
public static class MetricsFile
{
    public static readonly string[] Header = ["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds"];

    public static void Write(string path, IEnumerable<EpochRow> rows) => CsvFiles.Write(path, Header,
        rows.Select(r => (IReadOnlyList<object?>)[r.Epoch, r.TrainLoss, r.TrainAccuracy, r.ValidationLoss, r.ValidationAccuracy, r.LearningRate, r.Seconds]));

    public static List<EpochRow> Read(string path)
    {
        if (!File.Exists(path)) return [];
        static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        static double? N(string s) => s.Length == 0 ? null : D(s);
        return CsvFiles.Read(path).Select(r => new EpochRow(int.Parse(r["epoch"], CultureInfo.InvariantCulture), D(r["train_loss"]), D(r["train_accuracy"]),
            N(r["val_loss"]), N(r["val_accuracy"]), D(r["learning_rate"]), D(r["seconds"]))).ToList();
    }
}
