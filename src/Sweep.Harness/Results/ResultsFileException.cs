using Sweep.Core.Errors;

namespace Sweep.Harness.Results;

/// <summary>A file of a results folder that cannot be read back (edited or damaged by hand: the runner writes
/// atomically). The message names the file, the line or field, and what to do.</summary>
public sealed class ResultsFileException(string path, string problem) : SweepException($"{path}: {problem}", ErrorKind.File)
{
    public string Path { get; } = path;
}
