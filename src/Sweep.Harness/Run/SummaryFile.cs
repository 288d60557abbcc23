using System.Text.Json;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Run;

/// <summary>summary.csv: one row per trial in plan order, rebuilt from the trial folders alone, so that several
/// processes sharing a results folder all converge on the same table.</summary>
public static class SummaryFile
{
    public static void Rebuild(SweepPlan plan, ResultsLayout layout)
    {
        var header = new List<string> { "trial", "status", "name" };
        header.AddRange(plan.VaryingKeys);
        header.AddRange(ResultColumns);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var trial in plan.Trials.Where(t => t.DuplicateOf is null))
        {
            var s = TrialStatus.Load(layout.Trial(trial.Id).Status);
            var row = new List<object?> { trial.Id, s is null ? Pending : Snake(s.Status), trial.DisplayName };
            row.AddRange(trial.Varying.Select(kv => (object?)kv.Value));
            row.AddRange([s?.BestValidationAccuracy, s?.BestEpoch, s?.TestAccuracy, s?.TestLoss, s?.EpochsRun, s?.TrainSeconds, s?.SamplesPerSecond, s?.StopReason, s?.Reason]);
            rows.Add(row);
        }
        CsvFiles.Write(layout.Summary, header, rows);
    }

    /// <summary>The columns after the varying keys, in order; the reader finds the keys as those between `name` and these.</summary>
    public static readonly string[] ResultColumns = ["best_val_accuracy", "best_epoch", "test_accuracy", "test_loss", "epochs", "train_seconds", "samples_per_second", "stop_reason", "reason"];

    public const string Pending = "pending";

    public static string Snake(TrialState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    /// <summary>Whether a status cell is one this file is written with: a final state, or pending.</summary>
    public static bool IsState(string cell) => cell == Pending || Enum.GetValues<TrialState>().Any(s => s != TrialState.Paused && Snake(s) == cell);

    /// <summary>The columns that change from run to run of the same sweep, whatever the seed: left out when comparing runs.</summary>
    public static readonly string[] TimingColumns = ["train_seconds", "samples_per_second"];
}
