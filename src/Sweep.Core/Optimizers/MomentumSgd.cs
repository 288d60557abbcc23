using System.Numerics;
using System.Runtime.InteropServices;

namespace Sweep.Core.Optimizers;

/// <summary>
/// Heavy-ball momentum as PyTorch writes it: v = μv + g; w −= lr·v, or with Nesterov w −= lr·(g + μv).
/// (g includes λw.)
/// </summary>
public sealed class MomentumSgd(IReadOnlyList<Parameter> parameters, OptimizerOptions options)
    : Optimizer(parameters, options)
{
    private readonly float[][] _velocity = ZeroLike(parameters);

    public override IReadOnlyList<float[]> State => _velocity;

    protected override void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay)
    {
        Span<float> v = _velocity[index].AsSpan(offset, w.Length);
        float mu = Options.Momentum;
        bool nesterov = Options.Nesterov;
        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rv = ref MemoryMarshal.GetReference(v);
        var lr = new Vector<float>(learningRate);
        var lambda = new Vector<float>(decay);
        var muV = new Vector<float>(mu);
        nuint i = 0, n = (nuint)w.Length, width = (nuint)Vector<float>.Count;
        for (; i + width <= n; i += width)
        {
            var wv = Vector.LoadUnsafe(ref rw, i);
            var gv = Vector.LoadUnsafe(ref rg, i) + lambda * wv;
            var vv = Subnormals.ToZero(muV * Vector.LoadUnsafe(ref rv, i) + gv);
            vv.StoreUnsafe(ref rv, i);
            (wv - lr * (nesterov ? gv + muV * vv : vv)).StoreUnsafe(ref rw, i);
        }
        for (int j = (int)i; j < w.Length; j++)
        {
            float gj = g[j] + decay * w[j];
            v[j] = Subnormals.ToZero(mu * v[j] + gj);
            w[j] -= learningRate * (nesterov ? gj + mu * v[j] : v[j]);
        }
    }
}
