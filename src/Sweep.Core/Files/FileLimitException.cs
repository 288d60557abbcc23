using Sweep.Core.Errors;

namespace Sweep.Core.Files;

/// <summary>A file Sweep refuses to read: missing, too large, not a regular file, or unreadable. Names the file and
/// the limit; built only by the factories below.</summary>
public sealed class FileLimitException : SweepException
{
    private FileLimitException(string path, string problem) : base($"{path}: {problem}", ErrorKind.File)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    /// <summary>What is wrong, without the path: for a reader that names the file its own way.</summary>
    public string Problem { get; }

    public static FileLimitException NotFound(string path) => new(path, "file not found.");

    /// <summary>A folder where <paramref name="what"/> (a file) was expected.</summary>
    public static FileLimitException Folder(string path, string what) =>
        new(path, $"is a folder; give the path of {what}.");

    /// <summary>A device, FIFO or socket: reading it could block or never end.</summary>
    public static FileLimitException NotRegular(string path, string what) =>
        new(path, $"is a device, FIFO or socket, not a file; give the path of {what} (a regular file).");

    public static FileLimitException TooLarge(string path, long size, long maxBytes, string what) =>
        new(path, $"is {size:N0} bytes or more; {what} is at most {maxBytes:N0} bytes here. Is this the right file?");

    /// <summary>The system refused to read it (permissions, an I/O error).</summary>
    public static FileLimitException Unreadable(string path, Exception e) =>
        new(path, $"cannot be read ({e.Message}).");
}
