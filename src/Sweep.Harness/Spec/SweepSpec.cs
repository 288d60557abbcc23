namespace Sweep.Harness.Spec;

/// <summary>One key swept over several values. Axes are expanded in the order the file lists them.</summary>
public sealed record GridAxis(string Key, IReadOnlyList<SpecValue> Values, SpecSource Source);

/// <summary>
/// A sweep file read and checked: the values it sets (defaults not yet filled in), the grid, the seeds. The Spec
/// stage's immutable result; <see cref="Plan.Expansion"/> turns it into trials.
/// </summary>
public sealed record SweepSpec(
    string Name,
    string Description,
    string File,
    string Text,
    IReadOnlyDictionary<string, SpecValue> Values,
    IReadOnlyList<GridAxis> Grid,
    IReadOnlyList<int> Seeds);
