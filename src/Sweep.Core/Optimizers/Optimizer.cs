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

    /// <summary>Updates every parameter from its whole gradient.</summary>
    public void Step(float learningRate)
    {
        StartStep();
        for (int i = 0; i < Parameters.Count; i++) Apply(i, 0, Parameters[i].Gradient, learningRate);
    }

    /// <summary>
    /// Begins a step that is applied in slices with <see cref="Apply"/>. Every update is element-wise, so a step
    /// applied slice by slice, in any order, gives exactly the weights of <see cref="Step"/>.
    /// </summary>
    public void StartStep()
    {
        Steps++;
        BeginStep();
    }

    /// <summary>Updates elements [offset, offset + gradient.Length) of parameter <paramref name="index"/>.</summary>
    public void Apply(int index, int offset, ReadOnlySpan<float> gradient, float learningRate)
    {
        var p = Parameters[index];
        Update(index, offset, p.Value.AsSpan(offset, gradient.Length), gradient, learningRate,
            p.Decays ? Options.WeightDecay : 0f);
    }

    protected virtual void BeginStep() { }

    /// <summary>
    /// w −= update(g) for the slice of parameter <paramref name="index"/> that starts at <paramref name="offset"/>;
    /// state buffers are the subclass's, sliced at the same offset.
    /// </summary>
    protected abstract void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay);

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
