using System.Numerics;
using System.Runtime.InteropServices;

namespace Sweep.Core.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) in PyTorch's form: m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²;
/// w −= lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε). As AdamW (Loshchilov &amp; Hutter 2019) the decay is decoupled:
/// w −= lr·λ·w first, and g is left alone; as Adam, λw is added to g.
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly float[][] _m;
    private readonly float[][] _v;
    private float _stepSize, _sqrtCorrection2;

    public Adam(IReadOnlyList<Parameter> parameters, OptimizerOptions options) : base(parameters, options)
    {
        _m = ZeroLike(parameters);
        _v = ZeroLike(parameters);
    }

    public override IReadOnlyList<float[]> State => [.. _m, .. _v];

    protected override void BeginStep()
    {
        _stepSize = 1f / (1f - MathF.Pow(Options.Beta1, Steps));
        _sqrtCorrection2 = 1f / MathF.Sqrt(1f - MathF.Pow(Options.Beta2, Steps));
    }

    protected override void Update(int index, int offset, Span<float> w, ReadOnlySpan<float> g, float learningRate,
        float decay)
    {
        Span<float> m = _m[index].AsSpan(offset, w.Length), v = _v[index].AsSpan(offset, w.Length);
        float b1 = Options.Beta1, b2 = Options.Beta2, eps = Options.Epsilon;
        bool decoupled = Options.Kind == OptimizerKind.AdamW;
        float coupled = decoupled ? 0f : decay;
        float shrink = decoupled ? 1f - learningRate * decay : 1f;
        float step = learningRate * _stepSize, c2 = _sqrtCorrection2;

        ref float rw = ref MemoryMarshal.GetReference(w);
        ref float rg = ref MemoryMarshal.GetReference(g);
        ref float rm = ref MemoryMarshal.GetReference(m);
        ref float rv = ref MemoryMarshal.GetReference(v);
        var vb1 = new Vector<float>(b1); var vb1c = new Vector<float>(1 - b1);
        var vb2 = new Vector<float>(b2); var vb2c = new Vector<float>(1 - b2);
        var vEps = new Vector<float>(eps); var vStep = new Vector<float>(step); var vC2 = new Vector<float>(c2);
        var vCoupled = new Vector<float>(coupled); var vShrink = new Vector<float>(shrink);
        nuint i = 0, n = (nuint)w.Length, width = (nuint)Vector<float>.Count;
        for (; i + width <= n; i += width)
        {
            var wv = Vector.LoadUnsafe(ref rw, i);
            var gv = Vector.LoadUnsafe(ref rg, i) + vCoupled * wv;
            var mv = Subnormals.ToZero(vb1 * Vector.LoadUnsafe(ref rm, i) + vb1c * gv);
            var vv = Subnormals.ToZero(vb2 * Vector.LoadUnsafe(ref rv, i) + vb2c * gv * gv);
            mv.StoreUnsafe(ref rm, i);
            vv.StoreUnsafe(ref rv, i);
            (wv * vShrink - vStep * mv / (Vector.SquareRoot(vv) * vC2 + vEps)).StoreUnsafe(ref rw, i);
        }
        for (int j = (int)i; j < w.Length; j++)
        {
            float gj = g[j] + coupled * w[j];
            m[j] = Subnormals.ToZero(b1 * m[j] + (1 - b1) * gj);
            v[j] = Subnormals.ToZero(b2 * v[j] + (1 - b2) * gj * gj);
            w[j] = w[j] * shrink - step * m[j] / (MathF.Sqrt(v[j]) * c2 + eps);
        }
    }
}
