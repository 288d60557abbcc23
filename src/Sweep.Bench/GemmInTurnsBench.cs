using System.Diagnostics;
using Sweep.Core.Tensors;

namespace Sweep.Bench;

/// <summary>
/// Sweep's forward product (y = relu(x·W + b)) and OpenBLAS's sgemm (y = x·W, a little less work) on the same
/// operands, in alternate rounds of about 10 ms: each one's figure is its best round (the undisturbed one, as for the
/// FMA peak), and the ratio is the median of the rounds' ratios, pair by pair, which holds while neighbours slow both.
/// </summary>
internal static unsafe class GemmInTurnsBench
{
    private const int Inputs = 784, Outputs = 128;

    public static IEnumerable<BenchFigure> Run(bool quick, double peak)
    {
        bool peer = OpenBlas.TryLoad(out string why);
        string kernel = peer ? OpenBlas.Kernel : "";
        string how = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } set
            ? $"set by OPENBLAS_CORETYPE={set}" : "chosen by itself";
        Console.WriteLine(peer ? $"openblas: its {kernel} kernel ({how}), one thread, in turns with Sweep's product"
            : $"openblas: {why}");
        if (peer && OpenBlas.Handicapped)
            Console.WriteLine($"openblas: {kernel} is a generic fallback on this CPU; no ratio is printed against it");
        foreach (int batch in (int[])[32, 128])
        {
            string shape = $"{batch}x{Inputs}x{Outputs}";
            var (sweep, blas, ratios) = Measure(batch, peer, quick ? 1.0 : 3.0);
            yield return new BenchFigure($"gemm forward {shape} fast", sweep, "GFLOP/s");
            yield return new BenchFigure($"gemm forward {shape} fast / fma peak", 100 * sweep / peak, "%");
            if (!peer) continue;
            yield return new BenchFigure($"openblas sgemm {shape} ({kernel} kernel)", blas, "GFLOP/s");
            if (OpenBlas.Handicapped) continue;
            yield return new BenchFigure($"sweep gemm forward {shape} / openblas, median of rounds", ratios[1], "x");
            yield return new BenchFigure($"sweep gemm forward {shape} / openblas, lower quartile", ratios[0], "x");
            yield return new BenchFigure($"sweep gemm forward {shape} / openblas, upper quartile", ratios[2], "x");
        }
    }

    /// <summary>Both products' best GFLOP/s over <paramref name="seconds"/> of rounds, and the quartiles of their
    /// ratio round by round (which goes first alternates).</summary>
    private static (double Sweep, double Blas, double[] Ratios) Measure(int batch, bool peer, double seconds)
    {
        var x = Filled(batch * Inputs, 1); var w = Filled(Inputs * Outputs, 2); var bias = Filled(Outputs, 3);
        var y = Filled(batch * Outputs, 4); var yPeer = Filled(batch * Outputs, 5);
        double flops = 2.0 * batch * Inputs * Outputs;
        int reps = Math.Max(1, (int)(1e-2 * 60e9 / flops)); // about 10 ms a round at 60 GFLOP/s
        double Time(bool mine)
        {
            var clock = Stopwatch.StartNew();
            fixed (float* px = x, pw = w, py = yPeer)
                for (int r = 0; r < reps; r++)
                    if (mine) Gemm.Forward(y, x, w, bias, batch, Inputs, Outputs, EpilogueKind.BiasRelu);
                    else OpenBlas.Multiply(py, px, pw, batch, Outputs, Inputs);
            return flops * reps / clock.Elapsed.TotalSeconds / 1e9;
        }
        // Warm-up: both compiled, loaded and in the caches.
        for (int i = 0; i < 20; i++) { Time(true); if (peer) Time(false); }
        double bestMine = 0, bestPeer = 0;
        var ratios = new List<double>();
        var total = Stopwatch.StartNew();
        for (int round = 0; total.Elapsed.TotalSeconds < seconds; round++)
        {
            bool mineFirst = round % 2 == 0;
            double first = Time(mineFirst), second = peer ? Time(!mineFirst) : first;
            double mine = mineFirst ? first : second, theirs = mineFirst ? second : first;
            bestMine = Math.Max(bestMine, mine);
            bestPeer = Math.Max(bestPeer, theirs);
            ratios.Add(mine / theirs);
        }
        ratios.Sort();
        return (bestMine, bestPeer, [ratios[ratios.Count / 4], ratios[ratios.Count / 2], ratios[3 * ratios.Count / 4]]);
    }

    private static float[] Filled(int n, int seed)
    {
        var random = new Random(seed);
        var values = GC.AllocateArray<float>(n, pinned: true);
        for (int i = 0; i < n; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}
