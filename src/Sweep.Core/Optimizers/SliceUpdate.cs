using Sweep.Core.Tensors;

namespace Sweep.Core.Optimizers;

/// <summary>Applies the optimizer's current step to one parameter, slab by slab, as its gradient is computed.</summary>
public sealed class SliceUpdate(Optimizer optimizer, int parameter) : IWeightGradientSink
{
    /// <summary>The rate of the step under way; set once per batch, so the sink itself is made once.</summary>
    public float LearningRate { get; set; }

    /// <summary>Where in the parameter the product's first element goes: a product of some rows of the gradient
    /// counts its offsets from its own first row.</summary>
    public int Shift { get; init; }

    public void Take(int offset, ReadOnlySpan<float> gradient) => optimizer.Apply(parameter, Shift + offset, gradient,
        LearningRate);
}
