using Sweep.Core.Errors;

namespace Sweep.Harness.Results;

/// <summary>A path given as a results folder that is not one (missing, a file, or a folder no run has written).
/// The user's mistake, not damage: damage inside a file is a <see cref="ResultsFileException"/>. Built only by the
/// factory below.</summary>
public sealed class ResultsFolderException : SweepException
{
    private ResultsFolderException(string message) : base(message, ErrorKind.Invalid) { }

    /// <summary>"PATH is a file; ...".</summary>
    public static ResultsFolderException NotResults(string path, string problem, string remedy) =>
        new($"{path} {problem} {remedy}");
}
