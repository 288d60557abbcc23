using System.Numerics;
using System.Runtime.InteropServices;

namespace Sweep.Core.Optimizers;

/// <summary>Adagrad (Duchi et al. 2011): s += g²; w −= lr · g / (√s + ε).</summary>
public sealed class Adagrad(IReadOnlyList<Parameter> parameters, OptimizerOptions options)
    : Optimizer(parameters, options)
{
    private readonly float[][] _sum = ZeroLike(parameters);

    public override IReadOnlyList<float[]> State => _sum;

    protected override void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay)
    {
        Span<float> s = _sum[index].AsSpan(offset, w.Length);
        float eps = Options.Epsilon;
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rs = ref MemoryMarshal.GetReference(s);
        var lr = new Vector<float>(learningRate); var vEps = new Vector<float>(eps);
        var lambda = new Vector<float>(decay);
        nuint i = 0, n = (nuint)w.Length, width = (nuint)Vector<float>.Count;
        for (; i + width <= n; i += width)
        {
            var wv = Vector.LoadUnsafe(ref rw, i);
            var gv = Vector.LoadUnsafe(ref rg, i) + lambda * wv;
            var sv = Vector.LoadUnsafe(ref rs, i) + gv * gv;
            sv.StoreUnsafe(ref rs, i);
            (wv - lr * gv / (Vector.SquareRoot(sv) + vEps)).StoreUnsafe(ref rw, i);
        }
        for (int j = (int)i; j < w.Length; j++)
        {
            float gj = g[j] + decay * w[j];
            s[j] = s[j] + gj * gj;
            w[j] -= learningRate * gj / (MathF.Sqrt(s[j]) + eps);
        }
    }
}
