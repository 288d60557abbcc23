using Sweep.Core.Errors;

namespace Sweep.Harness.Report;

/// <summary>A results folder the report cannot be built from (missing, or not a results folder), or a report option
/// that does not fit it. Built only by the factories below; damage inside a file is a ResultsFileException.</summary>
public sealed class ReportException : SweepException
{
    private ReportException(string message) : base(message, ErrorKind.Invalid) { }

    /// <summary>A path that is not (yet) a results folder: "PATH is a file; ...".</summary>
    public static ReportException NotResults(string path, string problem, string remedy) =>
        new($"{path} {problem} {remedy}");

    /// <summary>An option (or a set of folders) the report cannot honour; the message says what would do.</summary>
    public static ReportException BadOption(string problem, string remedy) => new($"{problem} {remedy}");
}
