namespace Sweep.Core.Training;

/// <summary>A trainer's state apart from the weights: epoch, optimizer buffers and random streams.</summary>
public sealed record TrainerState(int EpochsCompleted, long OptimizerSteps, IReadOnlyList<float[]> OptimizerState, ulong[] ShuffleRandom, ulong[] DropoutRandom);
