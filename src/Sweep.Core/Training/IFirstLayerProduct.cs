using Sweep.Core.Optimizers;

namespace Sweep.Core.Training;

/// <summary>
/// The first layer's two products in a training batch: forward y[B, O] = f(x[B, I]·W + b), and the weight gradient
/// dW[I, O] = xᵀ·dZ taken straight into the optimizer's step. <see cref="OneCoreFirstLayer"/> computes them as any
/// layer does; <see cref="LentFirstLayer"/> shares them with a core another worker lends. Every bit of the result is
/// the same either way, so the trainer's loop reads as the math and the lending lives beside it.
/// </summary>
internal interface IFirstLayerProduct
{
    /// <summary>Whether a lent core could share the work (the layer is large enough, the GEMM is a SIMD one).</summary>
    bool CanShare { get; }

    /// <summary>Training batches so far with a lent core.</summary>
    long SharedBatches { get; }

    void BeginEpoch();

    /// <summary>Before training batch <paramref name="batch"/> of the epoch.</summary>
    /// <returns>The buffer to fill with the batch's x: <paramref name="x"/>, or, while a lent core may still read
    /// the last batch's x, the other one.</returns>
    float[] BeginBatch(int batch, float[] x);

    void Forward(Span<float> y, ReadOnlySpan<float> x, int batch);

    void WeightGradient(SliceUpdate update, ReadOnlySpan<float> x, ReadOnlySpan<float> dZ, int batch, float rate);

    /// <summary>The epoch is over, or a batch threw: a lent core goes back to its worker.</summary>
    void EndEpoch();

    /// <summary>A thread with no trial of its own offers to help; returns how long it worked (zero at once when
    /// there is nothing to share).</summary>
    TimeSpan Assist(Func<bool>? withdraw);

    /// <summary>The trial is over (or paused): no core is taken any more.</summary>
    void Close();
}
