using Sweep.Core.Errors;

namespace Sweep.Core.Files;

/// <summary>A file Sweep refuses to read: too large, not a regular file, or unreadable. Names the file and the
/// limit.</summary>
public sealed class FileLimitException(string path, string problem) : SweepException($"{path}: {problem}", ErrorKind.File)
{
    public string Path { get; } = path;

    /// <summary>What is wrong, without the path: for a reader that names the file its own way.</summary>
    public string Problem { get; } = problem;
}
