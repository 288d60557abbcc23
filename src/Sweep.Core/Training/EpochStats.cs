namespace Sweep.Core.Training;

/// <summary>What one training epoch did: mean loss and accuracy over the batches as they trained.</summary>
/// <param name="Diverged">The loss became NaN or infinite; the epoch stopped at that batch.</param>
public sealed record EpochStats(int Epoch, double Loss, double Accuracy, float LearningRate, double Seconds, int Samples, bool Diverged);
