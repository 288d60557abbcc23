using System.Diagnostics;
using Sweep.Core.Tensors;

namespace Sweep.Bench;

/// <summary>GFLOP/s of the fast kernel and of its plain twin for the three products of a dense layer.</summary>
internal static class GemmBench
{
    public static IEnumerable<BenchFigure> Run(bool quick)
    {
        var peak = PeakBench.Run(quick);
        yield return peak;
        var shapes = new (string Name, int B, int I, int O)[] { ("32x784x128", 32, 784, 128), ("128x784x128", 128, 784, 128) };
        foreach (var (name, b, i, o) in shapes)
        {
            var x = Fill(b * i, 1); var w = Fill(i * o, 2); var bias = Fill(o, 3); var y = new float[b * o];
            var dW = new float[i * o]; var dX = new float[b * i];
            double flops = 2.0 * b * i * o;
            var forward = Figure($"gemm forward {name} fast", flops, () => Gemm.Forward(y, x, w, bias, b, i, o, EpilogueKind.BiasRelu), quick);
            yield return forward;
            yield return new BenchFigure($"gemm forward {name} fast / fma peak", 100 * forward.Value / peak.Value, "%");
            yield return Figure($"gemm weight-gradient {name} fast", flops, () => Gemm.WeightGradient(dW, x, y, b, i, o), quick);
            yield return Figure($"gemm input-gradient {name} fast", flops, () => Gemm.InputGradient(dX, y, w, x, b, i, o, EpilogueKind.ReluGate), quick);
            yield return Figure($"gemm forward {name} plain", flops, () => GemmReference.Forward(y, x, w, bias, b, i, o, EpilogueKind.BiasRelu), true);
            yield return Figure($"gemm weight-gradient {name} plain", flops, () => GemmReference.WeightGradient(dW, x, y, b, i, o), true);
            yield return Figure($"gemm input-gradient {name} plain", flops, () => GemmReference.InputGradient(dX, y, w, x, b, i, o, EpilogueKind.ReluGate), true);
        }
    }

    private static BenchFigure Figure(string name, double flops, Action op, bool quick)
    {
        double seconds = BestSecondsPerCall(op, quick ? 0.15 : 0.6);
        return new BenchFigure(name, flops / seconds / 1e9, "GFLOP/s");
    }

    /// <summary>Best of several timed rounds: the minimum is the least disturbed by the other core's work.</summary>
    internal static double BestSecondsPerCall(Action op, double budgetSeconds)
    {
        // Tiered JIT promotes a method after ~30 calls plus a background delay: warm up by time, not by count.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < 0.4) op();
        var probe = Stopwatch.StartNew(); op(); double once = Math.Max(probe.Elapsed.TotalSeconds, 1e-7);
        int perRound = (int)Math.Clamp(budgetSeconds / 7 / once, 1, 1_000_000);
        double best = double.MaxValue;
        for (int round = 0; round < 7; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < perRound; i++) op();
            best = Math.Min(best, sw.Elapsed.TotalSeconds / perRound);
        }
        return best;
    }

    private static float[] Fill(int n, int seed)
    {
        var r = new Random(seed); var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(r.NextDouble() * 2 - 1);
        return a;
    }
}
