using Sweep.Core.Errors;

namespace Sweep.Harness.Spec;

/// <summary>One thing wrong with a sweep file, where it is, and what to do: "file:line:col: key: message".</summary>
public sealed record SpecProblem(string File, int Line, int Column, string Key, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {(Key.Length > 0 ? Key + ": " : "")}{Message}"
        : $"{File}: {(Key.Length > 0 ? Key + ": " : "")}{Message}";
}

/// <summary>Every problem found in a sweep file; thrown only after all of them are collected.</summary>
public sealed class SpecException(IReadOnlyList<SpecProblem> problems)
    : SweepException(string.Join(Environment.NewLine, problems), ErrorKind.Invalid)
{
    public IReadOnlyList<SpecProblem> Problems { get; } = problems;
}
