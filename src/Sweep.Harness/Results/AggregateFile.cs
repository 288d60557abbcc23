namespace Sweep.Harness.Results;

/// <summary>aggregate.csv: one row per configuration, best first by the selection metric, with mean and standard
/// deviation over seeds; then every setting but the seed (the fixed ones too), so that the tables of several sweeps
/// stack.</summary>
public static class AggregateFile
{
    public static void Write(string path, SweepResults results, IReadOnlyList<ConfigurationSummary> configurations)
    {
        var settings = results.SettingKeys;
        string[] header = ["rank", "configuration", "selected_by", "seeds", "completed", "val_accuracy_mean",
            "val_accuracy_sd", "test_accuracy_mean", "test_accuracy_sd",
            "best_val_accuracy_mean", "best_val_accuracy_sd", "test_loss_mean", "test_loss_sd", "train_seconds_mean",
                "trials", .. settings];
        CsvFiles.Write(path, header, configurations.Select(c => (IReadOnlyList<object?>)[
            c.Rank, c.Label, results.Selection.Name, c.Trials.Count, c.Completed, c.ValidationAccuracy.Mean,
                c.ValidationAccuracy.Sd,
            c.TestAccuracy.Mean, c.TestAccuracy.Sd, c.BestValidationAccuracy.Mean, c.BestValidationAccuracy.Sd,
            c.TestLoss.Mean, c.TestLoss.Sd, c.TrainSeconds.Mean, string.Join(' ', c.Trials.Select(t => t.Id)),
            .. settings.Select(k => (object?)c.Trials[0].Settings[k])]));
    }
}
