using Sweep.Core.Losses;
using Sweep.Core.Optimizers;

namespace Sweep.Core.Training;

/// <summary>How a network is trained, apart from the data and the number of epochs, which the caller drives.</summary>
public sealed record TrainingOptions
{
    public int BatchSize { get; init; } = 32;
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;
    public OptimizerOptions Optimizer { get; init; } = new();
    public LearningRateSchedule Schedule { get; init; } = new();
    /// <summary>Clip the global gradient norm to this, if set.</summary>
    public float? ClipNorm { get; init; }
    /// <summary>Probability of dropping each hidden unit while training (0 = off). Never applied to the
    /// output.</summary>
    public float Dropout { get; init; }
    /// <summary>A batch whose mean loss is over this many times the trial's first batch's loss has exploded.</summary>
    public double ExplosionFactor { get; init; } = 100;
    /// <summary>A batch whose mean loss is over this has exploded, whatever the first batch's loss was.</summary>
    public double ExplosionLimit { get; init; } = 1e6;
}
