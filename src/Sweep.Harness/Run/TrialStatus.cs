using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Serialization;

namespace Sweep.Harness.Run;

/// <summary>How a trial ended. Every state but Completed makes the sweep's exit code non-zero.</summary>
public enum TrialState { Completed, Diverged, Failed, TimedOut, Interrupted }

/// <summary>A trial's outcome, written as status.json in its folder; summary.csv is rebuilt from these files alone.</summary>
public sealed record TrialStatus(
    string Trial,
    string Name,
    TrialState Status,
    string Reason,
    string StopReason,
    int EpochsRun,
    double? BestValidationAccuracy,
    int? BestEpoch,
    double? TestAccuracy,
    double? TestLoss,
    double TrainSeconds,
    double SamplesPerSecond)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) }, // "timed_out", as in summary.csv
    };

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Null when there is no status yet; a damaged file reads as no status, so the trial simply runs again.</summary>
    public static TrialStatus? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<TrialStatus>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }
}
