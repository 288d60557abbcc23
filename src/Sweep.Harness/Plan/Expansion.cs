using System.Security.Cryptography;
using System.Text;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan;

/// <summary>
/// Spec in, ordered trials out, and nothing else: the Cartesian product of the sweep's factors in file order (the
/// first varies slowest), less the excluded combinations, then the seeds innermost. The same file always gives the
/// same list.
/// </summary>
public static class Expansion
{
    public const string VariantKey = "variant";

    /// <summary>The plan of a sweep file. A search's plan holds what it can propose without results: its start-up
    /// (all of a random search); <see cref="Search.SearchPlanner"/> extends it as results come in.</summary>
    public static SweepPlan Expand(SweepSpec spec) =>
        spec.Search is null ? Expand(spec, spec.Factors) : Search.SearchPlanner.Plan(spec,
        _ => Search.TrialOutcome.Pending);

    /// <summary>The plan of a search's proposals so far, in order, the seeds of each innermost.</summary>
    public static SweepPlan Expand(SweepSpec spec, IReadOnlyList<IReadOnlyDictionary<string, object>> proposals)
    {
        var source = spec.Search!.Source;
        var options =
            proposals.Select(p =>
                new FactorOption(null, p.ToDictionary(kv => kv.Key, kv => new SpecValue(kv.Value, source)))).ToList();
        return Expand(spec, [new SweepFactor(FactorKind.Search, "search", options, source)]);
    }

    private static SweepPlan Expand(SweepSpec spec, IReadOnlyList<SweepFactor> factors)
    {
        var defaults = Defaults(spec);
        // A random draw's options, each with its factor's keys: an option without one did not draw it.
        var drawn = new Dictionary<FactorOption, List<string>>(ReferenceEqualityComparer.Instance);
        foreach (var factor in factors.Where(f => f.Kind == FactorKind.Random))
        {
            var keys = factor.Keys.ToList();
            foreach (var option in factor.Options) drawn[option] = keys;
        }
        var combos = SweepFactor.Product(factors).Select(chosen =>
        {
            var config = new Dictionary<string, object?>(defaults);
            foreach (var option in chosen)
                foreach (var (k, v) in option.Values) config[k] = v.Value;
            // A search proposal or a random draw holds only the keys it drew: a `when:` key left out keeps its
            // default.
            IReadOnlySet<string>? notDrawn = spec.Search is { } search
                ? search.Space.Select(d => d.Key).Where(k => !chosen.Any(o => o.Values.ContainsKey(k))).ToHashSet()
                : chosen.Where(drawn.ContainsKey).SelectMany(o => drawn[o]
                    .Where(k => !o.Values.ContainsKey(k))).ToHashSet() is { Count: > 0 } missing ? missing : null;
            return (Config: config, Variant: chosen.LastOrDefault(o => o.Name is not null)?.Name, NotDrawn: notDrawn);
        }).ToList();
        int excluded =
            combos.RemoveAll(c => spec.Exclusions.Any(rule => rule.Matches(key => c.Config.GetValueOrDefault(key))));

        var varying = VaryingKeys(spec, factors, combos.Select(c => c.Config).ToList(),
            combos.Any(c => c.Variant is not null));
        var trials = new List<TrialPlan>();
        var firstById = new Dictionary<string, int>();
        foreach (var (combo, variant, notDrawn) in combos)
            foreach (int seed in spec.Seeds)
            {
                var config = new SortedDictionary<string, object?>(combo, StringComparer.Ordinal) { ["seed"] = seed };
                string id = IdOf(config);
                int index = trials.Count;
                int? duplicateOf = firstById.TryGetValue(id, out int first) ? first : null;
                firstById.TryAdd(id, index);
                var shown =
                    varying.Select(k =>
                        KeyValuePair.Create(k, k == VariantKey ? variant ?? "" : SpecValue.Format(config[k]))).ToList();
                trials.Add(new TrialPlan(index, id, config, shown, duplicateOf, notDrawn)
                {
                    ProgramEpochs = spec.Program is { } program ? program.Epochs ?? 0 : null,
                });
            }
        return new SweepPlan(spec, trials, varying, excluded);
    }

    /// <summary>The variant name (when there are variants), then every swept key whose value differs between the
    /// trials that remain, in factor order, then the seed when there are several. A search's keys are all listed,
    /// so that the columns stay the same as its proposals come in.</summary>
    private static List<string> VaryingKeys(SweepSpec spec, IReadOnlyList<SweepFactor> factors,
        List<Dictionary<string, object?>> configs, bool variants)
    {
        var keys = new List<string>();
        if (variants) keys.Add(VariantKey);
        if (spec.Search is { } search) keys.AddRange(search.Space.Select(d => d.Key));
        else
            foreach (var key in factors.SelectMany(f => f.Keys).Distinct())
                if (configs.Select(c => SpecValue.Format(c.GetValueOrDefault(key))).Distinct().Count() > 1)
                    keys.Add(key);
        if (spec.Seeds.Count > 1) keys.Add("seed");
        return keys;
    }

    /// <summary>Every setting key with the file's value or its default (a program's keys have none); keys without
    /// either stay null.</summary>
    private static Dictionary<string, object?> Defaults(SweepSpec spec)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (string key in spec.SettingKeys)
            config[key] = spec.Values.TryGetValue(key, out var v) ? v.Value
                : Schema.TryGet(key, out var definition) && spec.Program is null ? definition.Default : null;
        return config;
    }

    /// <summary>12 hex digits of SHA-256 over "key=value" lines in key order: stable across runs, machines and
    /// cultures.</summary>
    public static string IdOf(IReadOnlyDictionary<string, object?> config)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (value is not null) text.Append(key).Append('=').Append(SpecValue.Format(value)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
