using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Sweep.Bench;

/// <summary>How every BenchmarkDotNet suite here runs: in process (no generated project to build, so offline and in
/// seconds), one launch, quiet, its working files in this run's folder.</summary>
internal static class InProcessConfig
{
    public static IConfig Create(string artifacts, int warmups, int iterations, int iterationMilliseconds) =>
        ManualConfig.CreateEmpty()
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(warmups)
                .WithIterationCount(iterations)
                .WithIterationTime(TimeInterval.FromMilliseconds(iterationMilliseconds)))
            .AddLogger(NullLogger.Instance)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
}
