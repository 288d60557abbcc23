using Sweep.Core.Errors;
using Sweep.Core.Files;

namespace Sweep.Core.Serialization;

/// <summary>A model or checkpoint file that is not one, not whole, or not for this use. Built only by the factories
/// below: the message names the file, what is wrong and what to do.</summary>
public sealed class ModelFormatException : SweepException
{
    /// <summary>What to do about a damaged model file.</summary>
    public const string Recreate = "Re-create or re-copy the file.";

    private ModelFormatException(string path, string problem) : base($"{path}: {problem}", ErrorKind.File) =>
        Path = path;

    public string Path { get; }

    /// <summary>A file whose bytes are not what Sweep wrote (a wrong kind, truncated, corrupt).</summary>
    public static ModelFormatException Damaged(string path, string problem, string remedy = Recreate) =>
        new(path, $"{problem} {remedy}");

    /// <summary>The bounded reader refused the file (missing, too large, not a regular file).</summary>
    public static ModelFormatException Refused(string path, FileLimitException e) => new(path, e.Problem);

    /// <summary>A format version this Sweep does not read (written by a newer Sweep, or damaged).</summary>
    public static ModelFormatException UnknownVersion(string path, string format, uint version, string readable,
        string remedy) => new(path, $"is {format} version {version}; this Sweep reads {readable}. {remedy}");

    /// <summary>A whole model that does not fit the use it is put to.</summary>
    public static ModelFormatException Unsuitable(string path, string problem, string remedy) =>
        new(path, $"{problem} {remedy}");
}
