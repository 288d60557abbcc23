using Sweep.Core.Errors;

namespace Sweep.Core.Serialization;

/// <summary>A model or checkpoint file that is not one, or not whole. The message names the file and what to
/// do.</summary>
public sealed class ModelFormatException(string path, string problem) : SweepException($"{path}: {problem}", ErrorKind.File)
{
    public string Path { get; } = path;
}
