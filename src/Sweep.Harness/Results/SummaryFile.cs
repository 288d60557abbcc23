using System.Globalization;
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

    /// <summary>A result column: its name, and its cell from a trial's status.</summary>
    private sealed record Column(string Name, Func<TrialStatus, object?> Cell);

    /// <summary>The results of a trial, in order. val_* are of the tested epoch (what selection ranks by); best_* the
    /// best validation accuracy over all epochs. The one list the writer and the reader share.</summary>
    private static readonly Column[] Results =
    [
        new(ValidationAccuracy, s => s.ValidationAccuracy), new(ValidationLoss, s => s.ValidationLoss),
        new(TestedEpoch, s => s.TestedEpoch), new(TestAccuracy, s => s.TestAccuracy), new(TestLoss, s => s.TestLoss),
        new(BestValidationAccuracy, s => s.BestValidationAccuracy), new(BestEpoch, s => s.BestEpoch),
        new(Epochs, s => s.EpochsRun), new(TrainSeconds, s => s.TrainSeconds),
        new(SamplesPerSecond, s => s.SamplesPerSecond), new(LentShare, s => s.LentShare),
        new(StopReason, s => s.StopReason), new(Reason, s => s.Reason),
        new(ValidationSamples, s => s.ValidationSamples),
    ];

    private const string ValidationAccuracy = "val_accuracy", ValidationLoss = "val_loss", TestedEpoch = "tested_epoch",
        TestAccuracy = "test_accuracy", TestLoss = "test_loss", BestValidationAccuracy = "best_val_accuracy",
        BestEpoch = "best_epoch", Epochs = "epochs", TrainSeconds = "train_seconds",
        SamplesPerSecond = "samples_per_second", StopReason = "stop_reason", Reason = "reason",
        ValidationSamples = "val_samples";

    public static IReadOnlyList<string> ResultColumns { get; } = [.. Results.Select(c => c.Name)];

    /// <summary>Every setting a trial of Sweep's own networks has: the seed, then each schema key in schema
    /// order.</summary>
    public static IReadOnlyList<string> SettingColumns { get; } = ["seed", .. Schema.Keys.Select(k => k.Path)];

    /// <summary>Every setting a trial of this sweep has: the seed, then its setting keys (the schema's, or a
    /// program's named as in the sweep file).</summary>
    public static IReadOnlyList<string> SettingColumnsOf(SweepSpec spec) => ["seed", .. spec.SettingKeys];

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
        // A program's own selection metric, under its own name, after Sweep's results.
        var own = plan.Spec.Select.IsProgramMetric ? plan.Spec.Select : null;
        if (own is not null) header.Add(own.Name);
        var settings = SettingColumnsOf(plan.Spec);
        header.AddRange(settings);
        if (variants) header.Add(Expansion.VariantKey);
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var trial in plan.Trials.Where(t => t.DuplicateOf is null))
        {
            var s = statusOf(trial);
            var row = new List<object?> { trial.Id, s is null ? Pending : Snake(s.Status), trial.DisplayName };
            row.AddRange(Results.Select(c => s is null ? null : c.Cell(s)));
            if (own is not null) row.Add(s is null ? null : own.Of(s));
            row.AddRange(
                settings.Select(k =>
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
    public static readonly string[] TimingColumns = [TrainSeconds, SamplesPerSecond, LentShare];

    /// <summary>summary.csv read back: one <see cref="TrialResult"/> a row, in the file's order, without its
    /// metrics (metrics.csv's rows) or its search provenance, which other files hold.</summary>
    /// <param name="varyingKeys">plan.csv's columns: each row must have them.</param>
    /// <exception cref="ResultsFileException">A missing column or a cell that is not what the writer
    /// writes.</exception>
    /// <param name="select">The sweep's selection metric: a program's own has a column of its own.</param>
    public static IReadOnlyList<TrialResult> Read(ResultsLayout layout, IReadOnlyList<string> varyingKeys,
        ValidationMetric select)
    {
        const string remedy = "`scripts/sweep run` (or `run --summary-only`) rebuilds it from the trial folders.";
        var table = CsvFiles.Read(layout.Summary,
            [.. LeadColumns, .. ResultColumns.Except(Optional), SweepResults.SeedKey], remedy);
        var settings = SettingsIn(table.Header, select);
        string? own = select.IsProgramMetric && table.Header.Contains(select.Name) ? select.Name : null;
        var trials = new List<TrialResult>(table.Rows.Count);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            double? Number(string column) => r[column].Length == 0 ? null
                : double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw table.Damaged(i, $"{column} '{r[column]}' is not a number", remedy);
            int? Whole(string column) => Number(column) is double d ? d == Math.Floor(d)
                && d is >= 0 and <= int.MaxValue ? (int)d
                : throw table.Damaged(i, $"{column} '{r[column]}' is not a whole number", remedy) : null;
            if (!TryParseState(r["status"], out var state))
                throw table.Damaged(i, $"status '{r["status"]}' is not a trial state", remedy);
            if (r["trial"].Length == 0 || r["trial"].Any(c => !char.IsAsciiLetterOrDigit(c)))
                throw table.Damaged(i, $"trial '{r["trial"]}' is not a trial id", remedy);
            if (varyingKeys.FirstOrDefault(k => !r.ContainsKey(k)) is { } missing)
                throw table.Damaged(i, $"no '{missing}' column, which plan.csv varies", remedy);
            trials.Add(new TrialResult(
                r["trial"], state, r["name"], varyingKeys.ToDictionary(k => k, k => r[k]),
                settings.ToDictionary(k => k, k => r[k]),
                Number(ValidationAccuracy), Number(ValidationLoss), Whole(TestedEpoch), Number(BestValidationAccuracy),
                Whole(BestEpoch), Number(TestAccuracy), Number(TestLoss), Whole(Epochs) ?? 0,
                Number(TrainSeconds) ?? 0, r[StopReason], r[Reason], [])
            {
                LentShare = r.ContainsKey(LentShare) ? Number(LentShare) ?? 0 : 0,
                ValidationSamples = r.ContainsKey(ValidationSamples) ? Whole(ValidationSamples) : null,
                ProgramMetrics = own is not null && Number(own) is double value
                    ? new Dictionary<string, double> { [own] = value } : null,
            });
        }
        return trials;
    }

    /// <summary>The setting columns of a summary's header, in order: those after the results but the variant's
    /// name and a program's selection metric (the seed first; a program's keys are its own).</summary>
    public static IReadOnlyList<string> SettingsIn(IReadOnlyList<string> header, ValidationMetric select) =>
        [.. header.Where(c => !LeadColumns.Contains(c) && !ResultColumns.Contains(c) && c != Expansion.VariantKey
            && !(select.IsProgramMetric && c == select.Name))];

    /// <summary>The share of a trial's batches trained with a lent core (TrialStatus.LentShare); optional when read,
    /// since summaries written before cores were lent lack it.</summary>
    public const string LentShare = "lent_share";

    /// <summary>Columns that summaries written by earlier versions lack: read when present.</summary>
    private static readonly string[] Optional = [LentShare, ValidationSamples];
}
