namespace Sweep.Core.Optimizers;

/// <summary>
/// Updates parameters from their gradients. Subclasses own per-parameter state buffers, listed by
/// <see cref="State"/> in a fixed order so a checkpoint can save and restore them.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IReadOnlyList<Parameter> parameters, OptimizerOptions options)
    {
        Parameters = parameters;
        Options = options;
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    public OptimizerOptions Options { get; }

    /// <summary>Updates taken so far (Adam's bias correction counts them).</summary>
    public long Steps { get; set; }

    /// <summary>State buffers, always in the same order.</summary>
    public abstract IReadOnlyList<float[]> State { get; }

    public void Step(float learningRate)
    {
        Steps++;
        BeginStep();
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            Update(i, p.Value, p.Gradient, learningRate, p.Decays ? Options.WeightDecay : 0f);
        }
    }

    protected virtual void BeginStep() { }

    /// <summary>w −= update(g); state buffers of parameter <paramref name="index"/> are the subclass's.</summary>
    protected abstract void Update(int index, Span<float> w, ReadOnlySpan<float> g, float learningRate, float decay);

    /// <summary>One zeroed buffer per parameter, for optimizers with one state tensor each.</summary>
    protected static float[][] ZeroLike(IReadOnlyList<Parameter> parameters) =>
        parameters.Select(p => new float[p.Value.Length]).ToArray();

    public static Optimizer Create(OptimizerOptions options, IReadOnlyList<Parameter> parameters) => options.Kind switch
    {
        OptimizerKind.Sgd => new Sgd(parameters, options),
        OptimizerKind.Momentum => new MomentumSgd(parameters, options),
        OptimizerKind.Adam or OptimizerKind.AdamW => new Adam(parameters, options),
        OptimizerKind.RmsProp => new RmsProp(parameters, options),
        OptimizerKind.Adagrad => new Adagrad(parameters, options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), $"Unknown optimizer {options.Kind}."),
    };
}
