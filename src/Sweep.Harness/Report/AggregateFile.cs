using Sweep.Harness.Run;

namespace Sweep.Harness.Report;

/// <summary>aggregate.csv: one row per configuration, best first, with mean and standard deviation over seeds.</summary>
public static class AggregateFile
{
    public static void Write(string path, SweepResults results, IReadOnlyList<ConfigurationSummary> configurations)
    {
        var keys = results.ConfigurationKeys;
        string[] header = ["rank", "configuration", .. keys, "seeds", "completed", "test_accuracy_mean", "test_accuracy_sd",
            "best_val_accuracy_mean", "best_val_accuracy_sd", "test_loss_mean", "test_loss_sd", "train_seconds_mean", "trials"];
        CsvFiles.Write(path, header, configurations.Select(c => (IReadOnlyList<object?>)[
            c.Rank, c.Label, .. keys.Select(k => (object?)c.Values[k]), c.Trials.Count, c.Completed,
            c.TestAccuracy.Mean, c.TestAccuracy.Sd, c.BestValidationAccuracy.Mean, c.BestValidationAccuracy.Sd,
            c.TestLoss.Mean, c.TestLoss.Sd, c.TrainSeconds.Mean, string.Join(' ', c.Trials.Select(t => t.Id))]));
    }
}
