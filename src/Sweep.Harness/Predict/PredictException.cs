using Sweep.Core.Errors;

namespace Sweep.Harness.Predict;

/// <summary>What `predict` or `export` was given cannot be used: no model there, nothing finished yet, an unknown
/// format. The message says what would do.</summary>
public sealed class PredictException(string message) : SweepException(message, ErrorKind.Invalid);
