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

    /// <summary>The user's program that each trial runs (`program:`), instead of one of Sweep's networks; its keys are
    /// free names.</summary>
    public ProgramOptions? Program { get; init; }

    /// <summary>The keys every trial's configuration has besides the seed, in the order tables list them: the
    /// schema's, or a program's as its file names them (params:, then what varies).</summary>
    public IReadOnlyList<string> SettingKeys => Program is null ? [.. Schema.Keys.Select(k => k.Path)]
        : [.. Values.Keys.Concat(Factors.SelectMany(f => f.Keys)).Concat(Search?.Space.Select(d => d.Key) ?? [])
            .Distinct()];

    /// <summary>How the file's keys were read: Sweep's schema, or a program's free names.</summary>
    public KeySet Keys => Program is null ? KeySet.Network : KeySet.Program;

    /// <summary>What is allowed but probably not meant (a key varied by two factors); said before anything
    /// runs.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
