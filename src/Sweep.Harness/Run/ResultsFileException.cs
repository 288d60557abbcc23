namespace Sweep.Harness.Run;

/// <summary>A file of a results folder that cannot be read back (edited or damaged by hand: the runner writes
/// atomically). The message names the file, the line and what to do.</summary>
public sealed class ResultsFileException(string path, string problem) : Exception($"{path}: {problem}");
