using Sweep.Harness.Run;

namespace Sweep.Harness.Report;

/// <summary>One trial as the report sees it: its row of summary.csv and its metrics.csv.</summary>
/// <param name="Values">The varying values of the trial (seed included), keyed by the sweep's varying keys.</param>
public sealed record TrialResult(
    string Id, string Status, string Name, IReadOnlyDictionary<string, string> Values,
    double? BestValidationAccuracy, int? BestEpoch, double? TestAccuracy, double? TestLoss,
    int Epochs, double TrainSeconds, string Reason, IReadOnlyList<EpochRow> Metrics);
