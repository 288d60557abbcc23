namespace Sweep.Core.Training;

/// <summary>What one training epoch did: mean loss and accuracy over the batches as they trained.</summary>
/// <param name="Divergence">Why training cannot go on (the loss became NaN or infinite, or exploded past the bound);
/// the epoch stopped at that batch. Null when it trained on.</param>
public sealed record EpochStats(int Epoch, double Loss, double Accuracy, float LearningRate, double Seconds,
    int Samples, string? Divergence = null)
{
    /// <summary>The share of the epoch's batches trained with a lent core (<see cref="Trainer.Assist"/>): they change
    /// no number, but the epoch's seconds are then not those of one core.</summary>
    public double LentShare { get; init; }

    public bool Diverged => Divergence is not null;
}
