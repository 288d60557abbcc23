using BenchmarkDotNet.Running;

namespace Sweep.Bench;

/// <summary>Nanoseconds per weight of an optimizer step (<see cref="OptimizerBenchmarks"/>), by BenchmarkDotNet
/// (median). scripts/bench-report.py turns Adam's square root and division into seconds per epoch for each Adam
/// net: time that the GEMM floor does not count and no exact Adam avoids.</summary>
internal static class OptimizerBench
{
    public static IEnumerable<BenchFigure> Run(bool quick, string artifacts)
    {
        var config = InProcessConfig.Create(artifacts, warmups: quick ? 8 : 6, iterations: quick ? 5 : 15,
            iterationMilliseconds: quick ? 100 : 150);
        foreach (var report in BenchmarkRunner.Run<OptimizerBenchmarks>(config).Reports.OrderBy(r =>
            r.BenchmarkCase.Parameters["Layer"] is "784x128" ? 0 : 1))
        {
            string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var stats = report.ResultStatistics
                ?? throw new InvalidOperationException($"BenchmarkDotNet measured nothing for {method}.");
            string name = method switch
            {
                nameof(OptimizerBenchmarks.AdamStep) => "optimizer adam step",
                nameof(OptimizerBenchmarks.SgdStep) => "optimizer sgd step",
                nameof(OptimizerBenchmarks.SquareRootAndDivision) => "optimizer adam's square root and division alone",
                _ => throw new InvalidOperationException($"No figure is named for {method}."),
            };
            string layer = (string)report.BenchmarkCase.Parameters["Layer"];
            yield return new BenchFigure($"{name}, {layer} weights", stats.Median / OptimizerBenchmarks.Weights(layer),
                "ns/weight");
        }
    }
}
