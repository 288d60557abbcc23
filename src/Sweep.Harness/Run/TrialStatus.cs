using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Serialization;

namespace Sweep.Harness.Run;

/// <summary>How a trial ended. Every state but Completed and Pruned makes the sweep's exit code non-zero.
/// Paused (a trial that reached a successive-halving rung) is never written: it is the runner's note to itself.</summary>
public enum TrialState { Completed, Diverged, Failed, TimedOut, Interrupted, Pruned, Paused }

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

    /// <summary>Done for good: a rerun of the sweep skips it.</summary>
    [JsonIgnore]
    public bool IsFinal => Status is TrialState.Completed or TrialState.Pruned;

    /// <summary>Ended as planned (trained to the end, or cut by successive halving): not a reason for a non-zero exit.</summary>
    [JsonIgnore]
    public bool IsSuccess => Status is TrialState.Completed or TrialState.Pruned;

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Null when there is no status yet; a damaged file reads as no status, so the trial simply runs again.</summary>
    public static TrialStatus? Load(string path)
    {
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<TrialStatus>(File.ReadAllText(path), Json); }
        catch (JsonException) { return null; }
    }
}
