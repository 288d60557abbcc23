using System.Text;
using System.Text.Json;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>One line of invocations.jsonl: a `run`, `submit` or `report` on the folder, when it started or
/// ended.</summary>
/// <param name="Id">Shared by the start and end lines of one invocation.</param>
/// <param name="Event">"started" or "ended"; a start without an end is a process that was killed.</param>
/// <param name="Arguments">The command line as the shell handed it over (argv, the command first).</param>
/// <param name="Overrides">The key=value overrides among the arguments.</param>
/// <param name="Selection">What the invocation worked on, e.g. "8 trials, 3 to train, parallel 2".</param>
/// <param name="Outcome">On the end line: what came of it, e.g. "8 completed" or "exit 1: 1 diverged".</param>
public sealed record Invocation(
    string Id, string Event, DateTimeOffset Time, string Command, IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Overrides,
    string SweepVersion, string GitCommit, string Machine, string? SweepFileSha256, string? Selection, string? Outcome,
    IReadOnlyDictionary<string, string>? DataChecksums)
{
    public static Invocation Start(string command, IReadOnlyList<string> arguments, IReadOnlyList<string> overrides,
        string? sweepFileSha256,
        string? selection, IReadOnlyDictionary<string, string>? dataChecksums = null) =>
        new(Guid.NewGuid().ToString("N")[..12], "started", DateTimeOffset.Now, command, arguments, overrides,
        MachineFacts.Current.SweepVersion,
            MachineFacts.Current.GitCommit, MachineFacts.Current.ToString(), sweepFileSha256, selection, null,
            dataChecksums);

    public Invocation End(string outcome) =>
        this with { Event = "ended", Time = DateTimeOffset.Now, Outcome = outcome, DataChecksums = null };
}

/// <summary>
/// invocations.jsonl: every `run`, `submit` and `report` of a results folder, appended one JSON line per event, never
/// rewritten; past 32 MiB it becomes invocations.1.jsonl (replacing an older one) and a new log begins. A line
/// is appended in one write; a process killed while writing may leave its last line cut short, which the reader
/// skips (it is the only line that can be).
/// </summary>
public static class InvocationLog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The most the reader takes in; the log is rotated at half of it.</summary>
    public const long MaxBytes = 64L << 20;

    public static void Append(ResultsLayout layout, Invocation entry) => Append(layout, entry, MaxBytes / 2);

    /// <param name="rotateBytes">The size past which the log is rotated (the tests rotate a small one).</param>
    internal static void Append(ResultsLayout layout, Invocation entry, long rotateBytes)
    {
        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        WriteGuard.CreateDirectory(layout.Root);
        WriteGuard.CheckFile(layout.Invocations);
        // Past half the reader's cap the log starts again, its older lines kept once: a folder run from a loop for
        // months must not become one no command can open.
        if (File.Exists(layout.Invocations) && new FileInfo(layout.Invocations).Length + line.Length > rotateBytes)
        {
            WriteGuard.CheckFile(layout.InvocationsBefore);
            File.Move(layout.Invocations, layout.InvocationsBefore, overwrite: true);
        }
        using var stream = new FileStream(layout.Invocations, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(line);
    }

    /// <exception cref="ResultsFileException">A line (but a cut-short last one) that is not an invocation.</exception>
    public static IReadOnlyList<Invocation> Read(ResultsLayout layout)
    {
        string path = layout.Invocations;
        if (!File.Exists(path)) return [];
        const string remedy = "Sweep only appends to it; remove the damaged line.";
        string text;
        try { text = BoundedFile.ReadAllText(path, MaxBytes, "invocations.jsonl"); }
        catch (FileLimitException e) { throw ResultsFileException.Refused(path, e, remedy); }
        var lines = text.Split('\n');
        var entries = new List<Invocation>();
        // The last piece has no newline after it: empty, or a line cut short by a kill.
        for (int i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].Length == 0) continue;
            try
            {
                entries.Add(JsonSerializer.Deserialize<Invocation>(lines[i], Json) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw ResultsFileException.AtLine(path, i + 1, $"not an invocation ({e.Message.Split(" Path:")[0]}).",
                    remedy);
            }
        }
        return entries;
    }
}
