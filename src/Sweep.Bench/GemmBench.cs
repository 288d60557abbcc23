using BenchmarkDotNet.Running;
using Sweep.Core.Tensors;

namespace Sweep.Bench;

/// <summary>
/// GFLOP/s of the fast kernel for the three products of a dense layer and of its plain twin, measured by
/// BenchmarkDotNet (<see cref="GemmBenchmarks"/>), but for the fast forward product, timed in turns with OpenBLAS's
/// (<see cref="GemmInTurnsBench"/>); the FMA peak they are set against is a register-only loop.
/// </summary>
internal static class GemmBench
{
    public static IEnumerable<BenchFigure> Run(bool quick, string artifacts)
    {
        var peak = PeakBench.Run(quick);
        yield return peak;
        // The register tile this CPU runs on (chosen on first use, then cached), and what each candidate reaches on
        // the forward products at batch 32 and 128 now.
        var isa = GemmIsaResolver.Resolve();
        var choice = GemmTuner.Choice(isa);
        Console.WriteLine($"gemm tile: {choice.Plan} on {isa}, {choice.How}");
        // The forward products against OpenBLAS's, in turns: the figures the targets are set on.
        foreach (var figure in GemmInTurnsBench.Run(quick, peak.Value)) yield return figure;
        foreach (var (plan, gflops) in GemmTuner.Measure(isa))
        {
            string chosen = plan == choice.Plan ? " (chosen)" : "";
            yield return new BenchFigure($"gemm tile {plan}{chosen} forward b32+b128", gflops, "GFLOP/s");
        }
        // The median of the iterations is BenchmarkDotNet's robust figure; on a VM with busy neighbours the mean
        // chases outliers.
        // Warm-up stays long even when quick: each shape takes its own paths through the kernel. (A short warm-up
        // once measured unoptimised code, when the bench ran tiered; docs/performance.md. Tiering is now off, as in
        // the CLI, and the warm-up still errs long.)
        var config = InProcessConfig.Create(artifacts, warmups: quick ? 8 : 6, iterations: quick ? 5 : 15,
            iterationMilliseconds: quick ? 100 : 150);
        var summary = BenchmarkRunner.Run<GemmBenchmarks>(config);
        foreach (var report in summary.Reports.OrderBy(r =>
            r.BenchmarkCase.Parameters["Shape"] is "32x784x128" ? 0 : 1))
        {
            string shape = (string)report.BenchmarkCase.Parameters["Shape"];
            string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            string product = method.Replace("Fast", "").Replace("Plain", "") switch
            {
                "Forward" => "forward", "WeightGradient" => "weight-gradient", "InputGradient" => "input-gradient",
                var other => other,
            };
            string kind = method.EndsWith("Fast", StringComparison.Ordinal) ? "fast" : "plain";
            var stats = report.ResultStatistics
                ?? throw new InvalidOperationException($"BenchmarkDotNet measured nothing for {method} {shape}.");
            double gflops = GemmBenchmarks.Flops(shape) / stats.Median; // flop per ns = GFLOP/s
            yield return new BenchFigure($"gemm {product} {shape} {kind}", gflops, "GFLOP/s");
        }
    }
}
