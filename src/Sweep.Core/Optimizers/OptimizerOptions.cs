namespace Sweep.Core.Optimizers;

public enum OptimizerKind { Sgd, Momentum, Adam, AdamW, RmsProp, Adagrad }

/// <summary>Everything an optimizer is configured with; the learning rate itself comes from the schedule each
/// epoch.</summary>
public sealed record OptimizerOptions
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.Adam;
    public float Momentum { get; init; } = 0.9f;
    public bool Nesterov { get; init; }
    public float Beta1 { get; init; } = 0.9f;
    public float Beta2 { get; init; } = 0.999f;
    public float Epsilon { get; init; } = 1e-8f;
    /// <summary>RMSprop's decay of the squared-gradient average.</summary>
    public float Rho { get; init; } = 0.9f;
    /// <summary>L2 penalty λ: added to the gradient as λ·w (decoupled, w −= lr·λ·w, for AdamW).</summary>
    public float WeightDecay { get; init; }
}

public static class OptimizerNames
{
    private static readonly Dictionary<string, OptimizerKind> ByName = new(StringComparer.Ordinal)
    {
        ["sgd"] = OptimizerKind.Sgd, ["momentum"] = OptimizerKind.Momentum, ["adam"] = OptimizerKind.Adam,
        ["adamw"] = OptimizerKind.AdamW, ["rmsprop"] = OptimizerKind.RmsProp, ["adagrad"] = OptimizerKind.Adagrad,
    };

    public static IReadOnlyCollection<string> Known => ByName.Keys;
    public static bool TryParse(string name, out OptimizerKind kind) => ByName.TryGetValue(name, out kind);
}
