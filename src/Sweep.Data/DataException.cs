using Sweep.Core.Errors;

namespace Sweep.Data;

/// <summary>A data file that is missing, malformed or not what it claims. The message names the file, the problem and what to do.</summary>
public sealed class DataException(string message) : SweepException(message, ErrorKind.Invalid);
