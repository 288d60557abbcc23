using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>A trial's outcome, written as status.json in its folder; summary.csv is rebuilt from these files
/// alone.</summary>
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
    /// <summary>The epoch whose weights were tested and saved as model.swnn: the last, or with early stopping the best.
    /// Null when the trial was not tested (it diverged or failed), and in statuses written before it was
    /// recorded.</summary>
    public int? TestedEpoch { get; init; }

    /// <summary>Validation accuracy and loss of the tested epoch: what selection ranks by.</summary>
    [JsonPropertyName("val_accuracy")]
    public double? ValidationAccuracy { get; init; }

    [JsonPropertyName("val_loss")]
    public double? ValidationLoss { get; init; }

    /// <summary>How many samples the validation metrics are over: an accuracy moves in steps of one over it, so two
    /// means closer than that are tied. Null without a validation split, and in statuses written before it was
    /// recorded.</summary>
    [JsonPropertyName("val_samples")]
    public int? ValidationSamples { get; init; }

    /// <summary>The share of the trial's batches (the mean over its epochs) trained with a core lent by an idle
    /// worker: its train_seconds are then shorter than one core's. Null in statuses written before cores were
    /// lent.</summary>
    public double? LentShare { get; init; }

    /// <summary>A program's trial: the other metrics it reported for its tested epoch (finite ones), by name; null for
    /// Sweep's networks.</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // "timed_out", as in summary.csv; a number is not a state.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // `{}` must not read as a completed trial: every field the writer writes is required when read.
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private const long MaxBytes = 1 << 20;

    /// <summary>Ended as planned (trained to the end, or cut by successive halving): done for good, so a rerun skips
    /// it, and no reason for a non-zero exit. Every other state is run again by a rerun.</summary>
    [JsonIgnore]
    public bool IsFinal => Status is TrialState.Completed or TrialState.Pruned;

    /// <summary>The stop reason of a trial that failed on one of its files (damaged, or not writable), not in
    /// training.</summary>
    public const string FileProblem = "file problem";

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Null when the trial has no status yet.</summary>
    /// <exception cref="ResultsFileException">The file is not a status Sweep wrote (a state it does not know, a field
    /// missing): it is never taken for a finished trial.</exception>
    public static TrialStatus? Load(string path)
    {
        if (!File.Exists(path)) return null;
        const string remedy =
            "Sweep writes it whole; delete it to run the trial again (from its checkpoint, if it has one).";
        TrialStatus? status;
        try
        {
            status = JsonSerializer.Deserialize<TrialStatus>(
                BoundedFile.ReadAllText(path, MaxBytes, "a trial's status.json"), Json);
        }
        catch (FileLimitException e) { throw ResultsFileException.Refused(path, e, remedy); }
        catch (JsonException e) { throw ResultsFileException.NotJson(path, e, "a trial status", remedy); }
        if (status is null || status.Trial.Length == 0)
            throw ResultsFileException.Damaged(path, "does not hold a trial's final state.", remedy);
        return status;
    }
}
