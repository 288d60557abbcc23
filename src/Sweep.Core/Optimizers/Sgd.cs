using System.Numerics;
using System.Runtime.InteropServices;

namespace Sweep.Core.Optimizers;

/// <summary>w −= lr · (g + λw).</summary>
public sealed class Sgd(IReadOnlyList<Parameter> parameters, OptimizerOptions options) : Optimizer(parameters, options)
{
    public override IReadOnlyList<float[]> State => [];

    protected override void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay)
    {
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        var lr = new Vector<float>(learningRate);
        var lambda = new Vector<float>(decay);
        nuint i = 0, n = (nuint)w.Length, width = (nuint)Vector<float>.Count;
        for (; i + width <= n; i += width)
        {
            var wv = Vector.LoadUnsafe(ref rw, i);
            (wv - lr * (Vector.LoadUnsafe(ref rg, i) + lambda * wv)).StoreUnsafe(ref rw, i);
        }
        for (int j = (int)i; j < w.Length; j++) w[j] -= learningRate * (g[j] + decay * w[j]);
    }
}
