using System.Runtime.InteropServices;
using System.Text.Json;
using Sweep.Core.Serialization;

namespace Sweep.Harness.Run;

/// <summary>manifest.json: what produced a results folder, so a number can be traced to code, machine and data.</summary>
public sealed record Manifest(
    string SweepName, string SweepVersion, string GitCommit, string Runtime, string Os, string Cpu, int Cores,
    IReadOnlyDictionary<string, string> DataChecksums, DateTimeOffset Started, DateTimeOffset? Finished, int Trials, int Parallel)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Manifest Start(string sweepName, IReadOnlyDictionary<string, string> checksums, int trials, int parallel) => new(
        sweepName,
        typeof(Manifest).Assembly.GetName().Version?.ToString() ?? "unknown",
        Environment.GetEnvironmentVariable("SWEEP_GIT_COMMIT") ?? "unknown",
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        CpuName(),
        Environment.ProcessorCount,
        checksums, DateTimeOffset.Now, null, trials, parallel);

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The sweep's name from a results folder's manifest; the folder's own name when there is no readable one.</summary>
    public static string SweepNameOf(ResultsLayout layout) => RecordedSweepName(layout) ?? Path.GetFileName(layout.Root);

    /// <summary>The sweep's name as the folder's manifest records it; null when there is no readable manifest.</summary>
    public static string? RecordedSweepName(ResultsLayout layout)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(layout.Manifest));
            if (json.RootElement.TryGetProperty("sweep_name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } n) return n;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException) { }
        return null;
    }

    private static string CpuName()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            string flags = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "AVX-512" : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "AVX2" : "no AVX";
            return (line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim()) + $" ({flags})";
        }
        catch (IOException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
        catch (UnauthorizedAccessException) { return RuntimeInformation.ProcessArchitecture.ToString(); }
    }
}
