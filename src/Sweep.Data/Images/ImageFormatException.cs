using Sweep.Core.Errors;

namespace Sweep.Data.Images;

/// <summary>An image Sweep cannot read: the message names the file, what is wrong and what would work
/// instead.</summary>
public sealed class ImageFormatException(string path, string problem) : SweepException($"{path}: {problem}", ErrorKind.Invalid)
{
    public string Path { get; } = path;
}
