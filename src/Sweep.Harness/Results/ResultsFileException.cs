using System.Text.Json;
using Sweep.Core.Errors;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>A file of a results folder that cannot be read back (edited or damaged by hand: the runner writes
/// atomically). The message names the file, the line or field, and what to do.</summary>
public sealed class ResultsFileException : SweepException
{
    private ResultsFileException(string path, string problem) : base($"{path}: {problem}", ErrorKind.File) =>
        Path = path;

    public string Path { get; }

    /// <summary>A file whose content is not what Sweep wrote.</summary>
    public static ResultsFileException Damaged(string path, string problem, string remedy) =>
        new(path, $"{problem} {remedy}");

    /// <summary>The bounded reader refused the file (too large, not a regular file).</summary>
    public static ResultsFileException Refused(string path, FileLimitException e, string remedy) =>
        new(path, $"{e.Problem} {remedy}");

    /// <summary>A JSON file that is not the <paramref name="what"/> Sweep wrote, at the line the parser
    /// stopped.</summary>
    public static ResultsFileException NotJson(string path, JsonException e, string what, string remedy) =>
        new(path,
            $"{(e.LineNumber is long l ? $"line {l + 1}: " : "")}not {what} ({e.Message.Split(" Path:")[0]}). " +
            $"{remedy}");

    /// <summary>A problem at a line (1-based) of a text file.</summary>
    public static ResultsFileException AtLine(string path, long line, string problem, string remedy) =>
        new(path, $"line {line}: {problem} {remedy}");
}
