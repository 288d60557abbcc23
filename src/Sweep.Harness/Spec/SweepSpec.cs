namespace Sweep.Harness.Spec;

/// <summary>
/// A sweep file read and checked: the values it sets (defaults not yet filled in), the factors it sweeps over
/// (grid keys, zip groups, variants, random draws, in file order), the combinations it excludes, the seeds. The
/// Spec stage's immutable result; <see cref="Plan.Expansion"/> turns it into trials.
/// </summary>
public sealed record SweepSpec(
    string Name,
    string Description,
    string File,
    string Text,
    IReadOnlyDictionary<string, SpecValue> Values,
    IReadOnlyList<SweepFactor> Factors,
    IReadOnlyList<ExclusionRule> Exclusions,
    IReadOnlyList<int> Seeds,
    HalvingOptions? Halving = null)
{
    /// <summary>The command line's key=value overrides, in order, as given: part of how a result was
    /// produced.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>The validation metric that ranks configurations and picks the winner (`select:`); test metrics are
    /// reported beside it and never choose.</summary>
    public Results.ValidationMetric Select { get; init; } = Results.ValidationMetric.Accuracy;

    /// <summary>The search that proposes this sweep's configurations (`search:`), if it has one.</summary>
    public SearchOptions? Search { get; init; }

    /// <summary>What is allowed but probably not meant (a key varied by two factors); said before anything
    /// runs.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
