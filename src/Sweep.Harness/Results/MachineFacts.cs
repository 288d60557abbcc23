using System.Runtime.InteropServices;

namespace Sweep.Harness.Results;

/// <summary>What code and machine produce a result: recorded in the manifest (first run) and in every
/// invocation.</summary>
public sealed record MachineFacts(string SweepVersion, string GitCommit, string Runtime, string Os, string Cpu,
    int Cores)
{
    public static MachineFacts Current { get; } = new(
        typeof(MachineFacts).Assembly.GetName().Version?.ToString() ?? "unknown",
        Environment.GetEnvironmentVariable("SWEEP_GIT_COMMIT") ?? "unknown",
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        CpuName(),
        Environment.ProcessorCount);

    public override string ToString() => $"{Cpu}, {Cores} cores, {Os}, {Runtime}";

    private static string CpuName()
    {
        string flags = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512"
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "AVX2" : "no AVX";
        try
        {
            var line = File.ReadLines("/proc/cpuinfo")
                .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return (line is null ? RuntimeInformation.ProcessArchitecture.ToString()
                : line[(line.IndexOf(':') + 1)..].Trim()) + $" ({flags})";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{RuntimeInformation.ProcessArchitecture} ({flags})";
        }
    }
}
