namespace Sweep.Harness.Results;

/// <summary>One row of a trial's metrics.csv. Validation columns are empty when the sweep has no validation
/// split.</summary>
public sealed record EpochRow(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss,
    double? ValidationAccuracy, double LearningRate, double Seconds);
