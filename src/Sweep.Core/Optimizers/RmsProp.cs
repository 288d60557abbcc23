using System.Numerics;
using System.Runtime.InteropServices;

namespace Sweep.Core.Optimizers;

/// <summary>RMSprop (Hinton's lecture 6e): s = ρs + (1−ρ)g²; w −= lr · g / (√s + ε).</summary>
public sealed class RmsProp(IReadOnlyList<Parameter> parameters, OptimizerOptions options)
    : Optimizer(parameters, options)
{
    private readonly float[][] _square = ZeroLike(parameters);

    public override IReadOnlyList<float[]> State => _square;

    protected override void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay)
    {
        Span<float> s = _square[index].AsSpan(offset, w.Length);
        float rho = Options.Rho, eps = Options.Epsilon;
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rs = ref MemoryMarshal.GetReference(s);
        var vRho = new Vector<float>(rho); var vRhoC = new Vector<float>(1 - rho);
        var lr = new Vector<float>(learningRate); var vEps = new Vector<float>(eps);
        var lambda = new Vector<float>(decay);
        nuint i = 0, n = (nuint)w.Length, width = (nuint)Vector<float>.Count;
        for (; i + width <= n; i += width)
        {
            var wv = Vector.LoadUnsafe(ref rw, i);
            var gv = Vector.LoadUnsafe(ref rg, i) + lambda * wv;
            var sv = Subnormals.ToZero(vRho * Vector.LoadUnsafe(ref rs, i) + vRhoC * gv * gv);
            sv.StoreUnsafe(ref rs, i);
            (wv - lr * gv / (Vector.SquareRoot(sv) + vEps)).StoreUnsafe(ref rw, i);
        }
        for (int j = (int)i; j < w.Length; j++)
        {
            float gj = g[j] + decay * w[j];
            s[j] = Subnormals.ToZero(rho * s[j] + (1 - rho) * gj * gj);
            w[j] -= learningRate * gj / (MathF.Sqrt(s[j]) + eps);
        }
    }
}
