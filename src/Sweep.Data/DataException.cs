using Sweep.Core.Errors;

namespace Sweep.Data;

/// <summary>A data file that is missing, malformed or not what it claims. The message names the file and the problem.
/// When a catalogue data set's files are missing or damaged, <see cref="DataSet"/> names it: fetching it again fixes
/// that, and the layer that knows the commands (the harness) says how.</summary>
public sealed class DataException(string message, string? dataSet = null) : SweepException(message, ErrorKind.Invalid)
{
    public string? DataSet { get; } = dataSet;
}
