namespace Sweep.Core.Training;

/// <summary>A trainer's state apart from the weights: epoch, optimizer buffers, random streams, and the mean loss of
/// the trial's first batch, which divergence is measured against (NaN before the first batch).</summary>
public sealed record TrainerState(int EpochsCompleted, long OptimizerSteps, IReadOnlyList<float[]> OptimizerState,
    ulong[] ShuffleRandom, ulong[] DropoutRandom,
    double FirstBatchLoss = double.NaN);
