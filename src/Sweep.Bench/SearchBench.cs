using BenchmarkDotNet.Running;

namespace Sweep.Bench;

/// <summary>Milliseconds per TPE proposal with 100 and 1,000 finished trials, by BenchmarkDotNet (median).</summary>
internal static class SearchBench
{
    public static IEnumerable<BenchFigure> Run(bool quick, string artifacts)
    {
        var config = InProcessConfig.Create(artifacts, warmups: 3, iterations: quick ? 5 : 10,
            iterationMilliseconds: quick ? 100 : 200);
        foreach (var report in BenchmarkRunner.Run<SearchBenchmarks>(config).Reports)
        {
            var stats = report.ResultStatistics
                ?? throw new InvalidOperationException("BenchmarkDotNet measured no proposal.");
            var finished = report.BenchmarkCase.Parameters["Finished"];
            yield return new BenchFigure($"tpe proposal, {finished} finished trials", stats.Median / 1e6, "ms");
        }
    }
}
