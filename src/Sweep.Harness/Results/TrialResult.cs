namespace Sweep.Harness.Results;

/// <summary>One trial as the report sees it: its row of summary.csv and its metrics.csv.</summary>
/// <param name="Status">How it ended; null while it has not run (pending).</param>
/// <param name="Values">The varying values of the trial (seed included), keyed by the sweep's varying keys.</param>
/// <param name="Settings">Every setting of the trial (each schema key and the seed), as summary.csv spells
/// them.</param>
/// <param name="ValidationAccuracy">Of the tested epoch, as are <paramref name="ValidationLoss"/> and the test
/// metrics.</param>
public sealed record TrialResult(
    string Id, TrialState? Status, string Name, IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Settings,
    double? ValidationAccuracy, double? ValidationLoss, int? TestedEpoch, double? BestValidationAccuracy,
    int? BestEpoch,
    double? TestAccuracy, double? TestLoss, int Epochs, double TrainSeconds, string StopReason, string Reason,
    IReadOnlyList<EpochRow> Metrics)
{
    /// <summary>The share of its batches trained with a core lent by an idle worker: its seconds are then shorter
    /// than one core's (0 when none, or in a summary written before cores were lent).</summary>
    public double LentShare { get; init; }

    /// <summary>How many samples its validation metrics are over (null when unknown or without a validation
    /// split).</summary>
    public int? ValidationSamples { get; init; }

    /// <summary>For a model-based search under halving: the epoch whose metrics this trial's proposal was fitted to
    /// (null for the random start-up, and in any other sweep).</summary>
    public int? LearnedFrom { get; init; }

    /// <summary>A program's trial whose sweep selects by a metric of the program's own: that metric of its tested
    /// epoch, by name (summary.csv's column); null otherwise.</summary>
    public IReadOnlyDictionary<string, double>? ProgramMetrics { get; init; }

    /// <summary>"completed", "pruned", ..., or "pending", as summary.csv spells it.</summary>
    public string StatusText => Status is { } s ? SummaryFile.Snake(s) : SummaryFile.Pending;
}
