using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sweep.Bench;

/// <summary>
/// The fp32 FMA rate one core actually delivers: 12 independent Vector512 accumulators, no memory traffic.
/// The GEMM figures mean something only next to this (a "262 GFLOP/s" datasheet peak may not be this machine's).
/// </summary>
internal static class PeakBench
{
    public static BenchFigure Run(bool quick)
    {
        const long steps = 20_000_000;
        Loop(1000);
        double best = double.MaxValue;
        for (int round = 0; round < (quick ? 3 : 10); round++) // short rounds: the best is the undisturbed one
        {
            var sw = Stopwatch.StartNew();
            Loop(steps);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return new BenchFigure("fp32 fma peak one core (register-only)", steps * 12.0 * 16 * 2 / best / 1e9, "GFLOP/s");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop(long steps)
    {
        if (!Vector512.IsHardwareAccelerated) return LoopNarrow(steps);
        var x = Vector512.Create(0.999f); var y = Vector512.Create(0.001f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x,
            a11 = x;
        for (long i = 0; i < steps; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y); a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y); a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y); a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y); a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y); a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y); a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    /// <summary>Without AVX-512 the figure is twice the Vector256 rate at the same count, i.e. it stays in GFLOP/s per
    /// 512 bits of work.</summary>
    private static float LoopNarrow(long steps)
    {
        var x = Vector256.Create(0.999f); var y = Vector256.Create(0.001f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x,
            a11 = x;
        for (long i = 0; i < 2 * steps; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y); a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y); a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y); a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y); a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y); a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y); a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
