using System.Text.Json;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Results;

/// <summary>
/// summary.csv: one row per trial in plan order, rebuilt from the trial folders alone, so that several processes
/// sharing a results folder all converge on the same table. Columns: trial, status, name, the results, then every
/// setting (the seed and each schema key, whether it varies or not), so that the summaries of several sweeps stack
/// into one table; then `variant` when the sweep has variants. One schema, used by the writer and the reader.
/// </summary>
public static class SummaryFile
{
    public static readonly string[] LeadColumns = ["trial", "status", "name"];

    /// <summary>The results of a trial. val_* are of the tested epoch (what selection ranks by); best_* the best
    /// validation accuracy over all epochs.</summary>
    public static readonly string[] ResultColumns =
    [
        "val_accuracy", "val_loss", "tested_epoch", "test_accuracy", "test_loss", "best_val_accuracy", "best_epoch",
            "epochs",
        "train_seconds", "samples_per_second", LentShare, "stop_reason", "reason",
    ];

    /// <summary>Every setting a trial has: the seed, then each schema key in schema order.</summary>
    public static IReadOnlyList<string> SettingColumns { get; } = ["seed", .. Schema.Keys.Select(k => k.Path)];

    public const string Pending = "pending";

    /// <summary>summary.csv from the trial folders' status files: what another process, a cluster's last job or a
    /// run's end writes, reading every trial once.</summary>
    public static void Rebuild(SweepPlan plan, ResultsLayout layout) =>
        Write(plan, layout, trial => TrialStatus.Load(layout.Trial(trial.Id).Status));

    /// <summary>summary.csv from the statuses <paramref name="statusOf"/> gives (a run keeps them in memory,
    /// <see cref="LiveSummary"/>), without reading any trial's files.</summary>
    public static void Write(SweepPlan plan, ResultsLayout layout, Func<TrialPlan, TrialStatus?> statusOf)
    {
        bool variants = plan.VaryingKeys.Contains(Expansion.VariantKey);
        var header = new List<string>(LeadColumns);
        header.AddRange(ResultColumns);
        header.AddRange(SettingColumns);
        if (variants) header.Add(Expansion.VariantKey);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var trial in plan.Trials.Where(t => t.DuplicateOf is null))
        {
            var s = statusOf(trial);
            var row = new List<object?> { trial.Id, s is null ? Pending : Snake(s.Status), trial.DisplayName };
            row.AddRange([s?.ValidationAccuracy, s?.ValidationLoss, s?.TestedEpoch, s?.TestAccuracy, s?.TestLoss,
                s?.BestValidationAccuracy, s?.BestEpoch,
                s?.EpochsRun, s?.TrainSeconds, s?.SamplesPerSecond, s?.LentShare, s?.StopReason, s?.Reason]);
            row.AddRange(
                SettingColumns.Select(k =>
                    trial.Config.GetValueOrDefault(k) is { } v ? (object)SpecValue.Format(v) : null));
            if (variants) row.Add(trial.Varying.First(kv => kv.Key == Expansion.VariantKey).Value);
            rows.Add(row);
        }
        CsvFiles.Write(layout.Summary, header, rows);
    }

    public static string Snake(TrialState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    /// <summary>The state a status cell names; null for pending.</summary>
    /// <returns>False when the cell is neither a state this file is written with nor pending.</returns>
    public static bool TryParseState(string cell, out TrialState? state)
    {
        state = null;
        if (cell == Pending) return true;
        foreach (var s in Enum.GetValues<TrialState>())
            if (Snake(s) == cell) { state = s; return true; }
        return false;
    }

    /// <summary>The columns that change from run to run of the same sweep, whatever the seed: left out when comparing
    /// runs.</summary>
    public static readonly string[] TimingColumns = ["train_seconds", "samples_per_second", LentShare];

    /// <summary>The share of a trial's batches trained with a lent core (TrialStatus.LentShare); optional when read,
    /// since summaries written before cores were lent lack it.</summary>
    public const string LentShare = "lent_share";
}
