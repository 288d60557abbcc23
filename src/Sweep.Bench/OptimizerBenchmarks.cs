using System.Numerics;
using BenchmarkDotNet.Attributes;
using Sweep.Core.Optimizers;

namespace Sweep.Bench;

/// <summary>
/// One optimizer step as the trainer takes it, Adam and SGD through <see cref="Optimizer.Apply"/>, and Adam's square
/// root and division alone: the part of its step that no exact change removes (both run on the one divider unit).
/// Over the weights of 784-128-10's first layer (100,352: 1.2 MB with Adam's two moments, more than a Zen 4 core's
/// L2) and of a 64×128 layer (96 KB, well inside it): if Adam's cost were its 24 bytes of state traffic per weight,
/// the large layer would cost more per weight.
/// </summary>
public class OptimizerBenchmarks
{
    /// <summary>inputs × outputs of the layer whose weights take the step.</summary>
    [Params("784x128", "64x128")]
    public string Layer { get; set; } = "784x128";

    private int _n;
    private float[] _w = [], _g = [], _m = [], _v = [];
    private Optimizer _adam = null!, _sgd = null!;

    public static int Weights(string layer) => layer.Split('x').Select(int.Parse).Aggregate(1, (a, b) => a * b);

    [GlobalSetup]
    public void Setup()
    {
        _n = Weights(Layer);
        _w = Fill(_n, 1, 0.1); _g = Fill(_n, 2, 0.01); _m = Fill(_n, 3, 0.01); _v = Fill(_n, 4, 1e-4);
        _adam = Optimizer.Create(new OptimizerOptions { Kind = OptimizerKind.Adam },
            [new Parameter(_w, _g, Decays: true)]);
        _sgd = Optimizer.Create(new OptimizerOptions { Kind = OptimizerKind.Sgd },
            [new Parameter(_w, _g, Decays: true)]);
    }

    [Benchmark]
    public void AdamStep()
    {
        _adam.StartStep();
        _adam.Apply(0, 0, _g, 0.001f);
    }

    [Benchmark]
    public void SgdStep()
    {
        _sgd.StartStep();
        _sgd.Apply(0, 0, _g, 0.001f);
    }

    /// <summary>w = s · m / (√v · c + ε) over the same arrays, in Adam's vector width: its divider work with the least
    /// memory traffic around it (two loads and a store, where the step has four and three).</summary>
    [Benchmark]
    public void SquareRootAndDivision()
    {
        var step = new Vector<float>(1e-3f); var c = new Vector<float>(1.0005f); var eps = new Vector<float>(1e-8f);
        int width = Vector<float>.Count;
        for (int i = 0; i + width <= _n; i += width)
            (step * new Vector<float>(_m, i) / (Vector.SquareRoot(new Vector<float>(_v, i)) * c + eps)).CopyTo(_w, i);
    }

    private static float[] Fill(int n, int seed, double scale)
    {
        var r = new Random(seed); var a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float)(r.NextDouble() * scale);
        return a;
    }
}
