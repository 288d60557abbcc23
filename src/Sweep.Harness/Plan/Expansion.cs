using System.Security.Cryptography;
using System.Text;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan;

/// <summary>
/// Spec in, ordered trials out, and nothing else: the Cartesian product of the grid axes in file order (the first
/// axis varies slowest), then the seeds. The same file always gives the same list.
/// </summary>
public static class Expansion
{
    public static SweepPlan Expand(SweepSpec spec)
    {
        var axes = spec.Grid.Where(a => a.Values.Count > 0).ToList();
        var varying = axes.Where(a => a.Values.Select(v => v.Canonical).Distinct().Count() > 1).Select(a => a.Key).ToList();
        if (spec.Seeds.Count > 1) varying.Add("seed");

        var combos = new List<Dictionary<string, object?>> { Defaults(spec) };
        foreach (var axis in axes)
            combos = combos.SelectMany(c => axis.Values.Select(v => new Dictionary<string, object?>(c) { [axis.Key] = v.Value })).ToList();

        var trials = new List<TrialPlan>();
        var firstById = new Dictionary<string, int>();
        foreach (var combo in combos)
            foreach (int seed in spec.Seeds)
            {
                var config = new SortedDictionary<string, object?>(combo, StringComparer.Ordinal) { ["seed"] = seed };
                string id = IdOf(config);
                int index = trials.Count;
                int? duplicateOf = firstById.TryGetValue(id, out int first) ? first : null;
                firstById.TryAdd(id, index);
                var shown = varying.Select(k => KeyValuePair.Create(k, SpecValue.Format(config[k]))).ToList();
                trials.Add(new TrialPlan(index, id, config, shown, duplicateOf));
            }
        return new SweepPlan(spec, trials, varying);
    }

    /// <summary>Every schema key with the file's value or its default; keys without either stay null.</summary>
    private static Dictionary<string, object?> Defaults(SweepSpec spec)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in Schema.Keys) config[key.Path] = spec.Values.TryGetValue(key.Path, out var v) ? v.Value : key.Default;
        return config;
    }

    /// <summary>12 hex digits of SHA-256 over "key=value" lines in key order: stable across runs, machines and cultures.</summary>
    public static string IdOf(IReadOnlyDictionary<string, object?> config)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (value is not null) text.Append(key).Append('=').Append(SpecValue.Format(value)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
