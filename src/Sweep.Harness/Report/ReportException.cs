using Sweep.Core.Errors;

namespace Sweep.Harness.Report;

/// <summary>A report option (or a set of folders) that does not fit what the report is built from. Built only by the
/// factory below; a path that is not a results folder is a ResultsFolderException, damage inside a file a
/// ResultsFileException.</summary>
public sealed class ReportException : SweepException
{
    private ReportException(string message) : base(message, ErrorKind.Invalid) { }

    /// <summary>An option (or a set of folders) the report cannot honour; the message says what would do.</summary>
    public static ReportException BadOption(string problem, string remedy) => new($"{problem} {remedy}");
}
