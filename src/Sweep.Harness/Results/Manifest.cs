using System.Text.Json;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>
/// manifest.json: what first produced a results folder (the sweep's name, code, machine and data), written once
/// when the folder is made and never rewritten, so a reader can rely on it. Every later `run`, `submit` and
/// `report` is a line of invocations.jsonl (<see cref="InvocationLog"/>).
/// </summary>
/// <remarks>The fields are flat and named as before invocations were logged, so older folders still read.</remarks>
public sealed record Manifest(
    string SweepName, string SweepVersion, string GitCommit, string Runtime, string Os, string Cpu, int Cores,
    IReadOnlyDictionary<string, string> DataChecksums, DateTimeOffset Started)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    private const string Remedy =
        "Sweep writes it once, when the folder is made; restore it from a copy, or move the folder's other files to " +
        "a new folder.";

    public static Manifest Create(string sweepName, IReadOnlyDictionary<string, string> checksums)
    {
        var m = MachineFacts.Current;
        return new(sweepName, m.SweepVersion, m.GitCommit, m.Runtime, m.Os, m.Cpu, m.Cores, checksums,
            DateTimeOffset.Now);
    }

    /// <summary>Writes the manifest unless the folder has one: the first run's facts stay.</summary>
    public void SaveIfAbsent(ResultsLayout layout)
    {
        if (!File.Exists(layout.Manifest))
            AtomicFile.WriteAllText(layout.Manifest, JsonSerializer.Serialize(this, Json) + "\n");
    }

    /// <summary>The folder's manifest; null when it has none yet.</summary>
    /// <exception cref="ResultsFileException">It is not a manifest Sweep wrote.</exception>
    public static Manifest? Read(ResultsLayout layout)
    {
        string path = layout.Manifest;
        if (!File.Exists(path)) return null;
        Manifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(BoundedFile.ReadAllText(path, 16 << 20, "a manifest.json"),
                Json);
        }
        catch (FileLimitException e) { throw ResultsFileException.Refused(path, e, Remedy); }
        catch (JsonException e) { throw ResultsFileException.NotJson(path, e, "a manifest", Remedy); }
        if (manifest is null || manifest.SweepName.Length == 0)
            throw ResultsFileException.Damaged(path, "names no sweep.", Remedy);
        return manifest;
    }

    /// <summary>The sweep's name from a results folder's manifest; the folder's own name when it has none
    /// yet.</summary>
    public static string SweepNameOf(ResultsLayout layout) => Read(layout)?.SweepName ?? Path.GetFileName(layout.Root);
}
