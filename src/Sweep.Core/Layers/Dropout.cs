using System.Numerics.Tensors;
using Sweep.Core.Randomness;

namespace Sweep.Core.Layers;

/// <summary>
/// Inverted dropout after a hidden layer: during training each unit is zeroed with probability p and the others
/// scaled by 1/(1 − p), so that evaluation uses the outputs as they are. The mask is kept for the backward pass.
/// </summary>
public sealed class Dropout(float probability)
{
    public float Probability { get; } = probability;

    /// <summary>kept[B,O] = y ⊙ mask, with a fresh mask[B,O] of 0 or 1/(1 − p) drawn from <paramref
    /// name="random"/>.</summary>
    public void Forward(Span<float> kept, Span<float> mask, ReadOnlySpan<float> y, RandomSource random)
    {
        float keep = 1f / (1f - Probability);
        for (int i = 0; i < mask.Length; i++) mask[i] = random.NextDouble() < Probability ? 0f : keep;
        TensorPrimitives.Multiply(y, mask, kept);
    }

    /// <summary>d ⊙= mask: a dropped unit passes no gradient back.</summary>
    public static void Backward(Span<float> d, ReadOnlySpan<float> mask) => TensorPrimitives.Multiply(d, mask, d);
}
