namespace Sweep.Harness.Results;

/// <summary>One row of a trial's metrics.csv. Validation columns are empty when the sweep has no validation
/// split.</summary>
/// <param name="LentShare">The share of the epoch's batches trained with a core lent by an idle worker: the seconds
/// are then shorter than one core's (0 in files written before cores were lent).</param>
/// <param name="TrainLoss">Null, as are the accuracy and the rate, when a program's trial did not report it.</param>
public sealed record EpochRow(int Epoch, double? TrainLoss, double? TrainAccuracy, double? ValidationLoss,
    double? ValidationAccuracy, double? LearningRate, double Seconds, double LentShare = 0)
{
    /// <summary>A program's trial: the other metrics it reported for the epoch, by name (metrics.csv's columns after
    /// Sweep's own); null for Sweep's networks.</summary>
    public IReadOnlyDictionary<string, double>? Extra { get; init; }
}
