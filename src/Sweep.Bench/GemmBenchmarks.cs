using BenchmarkDotNet.Attributes;
using Sweep.Core.Tensors;

namespace Sweep.Bench;

/// <summary>
/// The three products of a dense layer, fast kernel and plain twin, as BenchmarkDotNet benchmarks:
/// forward (y = relu(x·W + b)), weight gradient (dW = xᵀ·dy) and input gradient (dx = dy·Wᵀ gated by relu). The fast
/// forward product is timed in turns with OpenBLAS's instead (GemmInTurnsBench).
/// </summary>
public class GemmBenchmarks
{
    /// <summary>batch × inputs × outputs: the first layer of 784-128-10 at batch 32 and 128.</summary>
    [Params("32x784x128", "128x784x128")]
    public string Shape { get; set; } = "32x784x128";

    private int _b, _i, _o;
    private float[] _x = [], _w = [], _bias = [], _y = [], _dW = [], _dX = [];

    /// <summary>The floating-point operations of one product of this shape (each is 2·b·i·o).</summary>
    public static double Flops(string shape)
    {
        var (b, i, o) = Parse(shape);
        return 2.0 * b * i * o;
    }

    [GlobalSetup]
    public void Setup()
    {
        (_b, _i, _o) = Parse(Shape);
        _x = Fill(_b * _i, 1); _w = Fill(_i * _o, 2); _bias = Fill(_o, 3); _y = Fill(_b * _o, 4);
        _dW = new float[_i * _o]; _dX = new float[_b * _i];
    }

    [Benchmark] public void WeightGradientFast() => Gemm.WeightGradient(_dW, _x, _y, _b, _i, _o);
    [Benchmark] public void InputGradientFast() => Gemm.InputGradient(_dX, _y, _w, _x, _b, _i, _o,
        EpilogueKind.ReluGate);
    [Benchmark] public void ForwardPlain() => GemmReference.Forward(_y, _x, _w, _bias, _b, _i, _o,
        EpilogueKind.BiasRelu);
    [Benchmark] public void WeightGradientPlain() => GemmReference.WeightGradient(_dW, _x, _y, _b, _i, _o);
    [Benchmark] public void InputGradientPlain() => GemmReference.InputGradient(_dX, _y, _w, _x, _b, _i, _o,
        EpilogueKind.ReluGate);

    private static (int B, int I, int O) Parse(string shape)
    {
        var parts = shape.Split('x').Select(int.Parse).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private static float[] Fill(int n, int seed)
    {
        var r = new Random(seed); var a = new float[n];
        for (int k = 0; k < n; k++) a[k] = (float)(r.NextDouble() * 2 - 1);
        return a;
    }
}
