using Sweep.Core.Errors;

namespace Sweep.Harness.Predict;

/// <summary>What `predict` or `export` was given cannot be used: no model there, nothing finished yet, a JSON model
/// that is not one. Built only by the factories below: where, what is wrong, what would do.</summary>
public sealed class PredictException : SweepException
{
    private PredictException(string message) : base(message, ErrorKind.Invalid) { }

    /// <summary>No model at the path the user gave.</summary>
    public static PredictException NoModel(string path, string problem, string remedy) =>
        new($"{path}: {problem} {remedy}");

    /// <summary>A JSON model file that is not one Sweep wrote, or whose layers do not fit together.</summary>
    public static PredictException NotAJsonModel(string path, string problem) =>
        new($"{path}: {problem} Export it again with `scripts/sweep export`.");
}
