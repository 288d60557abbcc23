using Sweep.Core.Errors;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>A results folder the report cannot be built from (missing, or not a results folder), or a report option
/// that does not fit it; the message says which file and what to do. Damage inside a file is a
/// ResultsFileException.</summary>
public sealed class ReportException(string message, ErrorKind kind = ErrorKind.Invalid) : SweepException(message, kind);
