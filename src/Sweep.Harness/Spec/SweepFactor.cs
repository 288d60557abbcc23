namespace Sweep.Harness.Spec;

public enum FactorKind { Grid, Zip, Variants, Random, Search }

/// <summary>
/// One dimension of a sweep: a list of options, each setting one or more keys. Expansion takes the Cartesian
/// product of the factors in file order (the first varies slowest). A grid key is a factor of one key; a zip group
/// moves several keys together; variants are named options; a random search is a factor of drawn options.
/// </summary>
public sealed record SweepFactor(FactorKind Kind, string Label, IReadOnlyList<FactorOption> Options, SpecSource Source)
{
    public IEnumerable<string> Keys => Options.SelectMany(o => o.Values.Keys).Distinct();

    /// <summary>Every combination of one option per factor, the first factor slowest: what expansion turns into
    /// trials and validation checks, each its own way.</summary>
    public static IEnumerable<FactorOption[]> Product(IReadOnlyList<SweepFactor> factors)
    {
        IEnumerable<FactorOption[]> result = [[]];
        foreach (var factor in factors.Where(f => f.Options.Count > 0))
            result = result.SelectMany(chosen => factor.Options.Select(o => (FactorOption[])[.. chosen, o]));
        return result;
    }

    /// <summary>The factor with a key taken out of every option (a command-line value wins over it); null when
    /// nothing is left to vary.</summary>
    public SweepFactor? Without(string key)
    {
        if (!Keys.Contains(key)) return this;
        var options = Options.Select(o => o with { Values = o.Values.Where(kv => kv.Key != key).ToDictionary() })
            .ToList();
        return options.All(o => o.Values.Count == 0 && o.Name is null) ? null : this with { Options = options };
    }
}

/// <param name="Name">The variant's name (variants only); shown as `variant=NAME` among the values that vary.</param>
public sealed record FactorOption(string? Name, IReadOnlyDictionary<string, SpecValue> Values);

/// <summary>Values to match: every key listed must have its value (one value, or any of a list).</summary>
public record KeyMatch(IReadOnlyDictionary<string, IReadOnlyList<SpecValue>> Match, SpecSource Source)
{
    public bool Matches(Func<string, object?> valueOf) =>
        Match.All(kv => kv.Value.Any(v => v.Canonical == SpecValue.Format(valueOf(kv.Key))));
}

/// <summary>A combination to leave out of the product. Keys a trial does not set match on their defaults.</summary>
public sealed record ExclusionRule(IReadOnlyDictionary<string, IReadOnlyList<SpecValue>> Match, SpecSource Source)
    : KeyMatch(Match, Source);
