namespace Sweep.Core.Tensors;

/// <summary>
/// Takes a weight gradient in slabs of whole rows, each as soon as the GEMM has finished it, so the optimizer
/// updates those weights while the slab is still in L1 and the full gradient is never written out: at
/// 784-128-10 that saves streaming 400 KB of gradient through L2 and L3 twice per batch.
/// </summary>
public interface IWeightGradientSink
{
    /// <summary><paramref name="gradient"/> holds elements [offset, offset + gradient.Length) of dW[I,O],
    /// row-major.</summary>
    void Take(int offset, ReadOnlySpan<float> gradient);
}
