using System.Globalization;
using Sweep.Core.Randomness;
using YamlDotNet.RepresentationModel;
using static Sweep.Harness.Spec.SpecNodes;

namespace Sweep.Harness.Spec;

/// <summary>
/// Reads the parts of a sweep file that say what varies: `grid:` (each key a factor), `zip:` (keys that move
/// together), `variants:` (named sets of values), `random:` (configurations drawn from distributions, reproducibly
/// from its seed) and `exclude:` (combinations to leave out).
/// </summary>
internal static class FactorReader
{
    public const int MaxRandomCount = 10_000;
    public static readonly string[] Distributions = ["uniform", "loguniform", "int", "choice"];

    public static IEnumerable<SweepFactor> Grid(string file, YamlNode node, List<SpecProblem> problems, KeySet keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, "grid", "maps dotted keys to lists, e.g.  optimizer.lr: [0.1, 0.01]"));
            yield break;
        }
        foreach (var (key, keyNode, value) in SchemaKeys(file, mapping, "grid", problems, keys))
            if (Values(file, key, value, "grid." + key.Path, problems) is { } values)
                yield return new SweepFactor(FactorKind.Grid, key.Path,
                    values.Select(v => Option(null, key.Path, v)).ToList(), Source(file, keyNode));
    }

    /// <summary>`zip:` is one group (a mapping of keys to lists of equal length) or a list of such groups.</summary>
    public static IEnumerable<SweepFactor> Zip(string file, YamlNode node, List<SpecProblem> problems, KeySet keys)
    {
        var groups = node is YamlSequenceNode seq ? seq.Children : [node];
        foreach (var group in groups)
        {
            if (group is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                problems.Add(
                    Problem(file, group, "zip",
                    "a zip group maps keys to lists of equal length, e.g.  { model.hidden: [[32], [128]], " +
                    "optimizer.lr: [0.003, 0.001] }"));
                continue;
            }
            var columns = new List<(string Key, List<SpecValue> Values, YamlNode Node)>();
            foreach (var (key, _, value) in SchemaKeys(file, mapping, "zip", problems, keys))
                if (Values(file, key, value, "zip." + key.Path, problems) is { } values)
                    columns.Add((key.Path, values, value));
            if (columns.Count == 0) continue;
            int n = columns[0].Values.Count;
            if (columns.FirstOrDefault(c => c.Values.Count != n) is { Key: not null } odd)
            {
                problems.Add(
                    Problem(file, odd.Node, "zip." + odd.Key,
                    $"has {odd.Values.Count} values but {columns[0].Key} has {n}: zipped keys move together, so " +
                    "their lists must be the same length."));
                continue;
            }
            var options = Enumerable.Range(0, n)
                .Select(i => new FactorOption(null, columns.ToDictionary(c => c.Key, c => c.Values[i]))).ToList();
            yield return new SweepFactor(FactorKind.Zip, "zip:" + string.Join(',', columns.Select(c => c.Key)), options,
                Source(file, group));
        }
    }

    /// <summary>`variants:` maps names to sets of values, e.g. sgd: { optimizer.name: sgd, optimizer.momentum: 0
    /// }.</summary>
    public static SweepFactor? Variants(string file, YamlNode node, List<SpecProblem> problems, KeySet keys)
    {
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            problems.Add(
                Problem(file, node, "variants",
                "maps variant names to the values each sets, e.g.  adam: { optimizer.name: adam }"));
            return null;
        }
        var options = new List<FactorOption>();
        foreach (var (nameNode, body) in mapping.Children)
        {
            string name = KeyName(nameNode);
            if (name.Length == 0 || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                problems.Add(
                    Problem(file, nameNode, "variants",
                    $"'{name}' is not a usable variant name: use letters, digits, '-', '_' and '.'."));
            if (body is not YamlMappingNode values)
            {
                problems.Add(
                    Problem(file, body, $"variants.{name}",
                    "maps keys to the values this variant sets, e.g.  { optimizer.name: sgd, optimizer.lr: 0.1 }"));
                continue;
            }
            var set = new Dictionary<string, SpecValue>(StringComparer.Ordinal);
            foreach (var (key, _, value) in SchemaKeys(file, values, $"variants.{name}", problems, keys))
                if (ValueParser.Parse(key, value, out string? problem) is { } v)
                    set[key.Path] = new SpecValue(v, Source(file, value));
                else problems.Add(Problem(file, value, $"variants.{name}.{key.Path}", problem!));
            options.Add(new FactorOption(name, set));
        }
        return new SweepFactor(FactorKind.Variants, "variant", options, Source(file, node));
    }

    /// <summary>
    /// `random:` draws `count` configurations, each key from its distribution, with its own seed (`seed:`, default
    /// 0), so the same file always draws the same values. A key with `when:` is drawn only in configurations whose
    /// other draws match it.
    /// </summary>
    public static SweepFactor? Random(string file, YamlNode node, List<SpecProblem> problems, KeySet keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(
                Problem(file, node, "random",
                "gives count:, an optional seed:, and a distribution per key, e.g.  optimizer.lr: { loguniform: " +
                "[0.0001, 0.1] }"));
            return null;
        }
        int count = 0;
        ulong seed = 0;
        var space = Space(file, mapping, "random", ["count", "seed"], problems, keys, (name, value) =>
        {
            long n = WholeNumber(value);
            if (name == "seed" && n >= 0) seed = (ulong)n;
            else if (name == "count" && n is > 0 and <= MaxRandomCount) count = (int)n;
            else problems.Add(
                Problem(file, value, "random." + name,
                name == "count" ? $"must be a whole number from 1 to {MaxRandomCount:N0}."
                : "must be a whole number ≥ 0."));
        });
        if (count == 0 && !problems.Any(p => p.Key == "random.count"))
            problems.Add(Problem(file, node, "random.count", "is required: how many configurations to draw."));
        if (count == 0 || space is null) return null;

        var rng = new RandomSource(seed);
        var source = Source(file, node);
        var options = Enumerable.Range(0, count)
            .Select(_ =>
                new FactorOption(null, SearchDimension.Active(space, space.ToDictionary(d => d.Key, d => d.Draw(rng)))
            .ToDictionary(kv => kv.Key, kv => new SpecValue(kv.Value, source)))).ToList();
        return new SweepFactor(FactorKind.Random, "random", options, source);
    }

    public static long WholeNumber(YamlNode value) =>
        value is YamlScalarNode { Value: { } t } && long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture,
        out long n) ? n : -1;

    /// <summary>The keys of a `random:` or `search:` block and their distributions; the block's own settings (count:,
    /// seed:, ...) go to <paramref name="setting"/>. Null, with the problems said, when no key is usable.</summary>
    public static List<SearchDimension>? Space(string file, YamlMappingNode mapping, string block, string[] settings,
        List<SpecProblem> problems, KeySet keys, Action<string, YamlNode> setting)
    {
        int before = problems.Count;
        var space = new List<SearchDimension>();
        var conditions = new List<(SearchDimension Dimension, YamlNode Node)>();
        foreach (var (keyNode, value) in mapping.Children)
        {
            string name = KeyName(keyNode);
            if (settings.Contains(name)) { setting(name, value); continue; }
            if (!keys.TryGet(name, out var key))
            {
                problems.Add(
                    Problem(file, keyNode, $"{block}.{name}",
                    keys == KeySet.Network ? $"unknown key.{DidYouMean.Suggest(name, keys.AllPaths.Concat(settings))}"
                    : keys.WhyNot(name)));
                continue;
            }
            if (space.Any(d => d.Key == name)) continue; // YamlDotNet refuses duplicate keys before this
            if (Distribution(file, block, key, value, problems, out var when) is not { } dimension) continue;
            space.Add(dimension);
            if (when is not null) conditions.Add((dimension, when));
        }
        foreach (var (dimension, node) in conditions)
            if (Condition(file, block, dimension, node, space, problems, keys) is { } condition)
                space[space.IndexOf(dimension)] = dimension with { When = condition };
        if (space.Count == 0 && problems.Count == before)
            problems.Add(
                Problem(file, mapping, block,
                "names no key to draw: give at least one, e.g.  optimizer.lr: { loguniform: [0.0001, 0.1] }"));
        return problems.Count > before ? null : space;
    }

    /// <summary>`when: { optimizer.name: momentum }`: keys drawn unconditionally in the same block, each with a value
    /// (or a list of values) it can take.</summary>
    private static KeyMatch? Condition(string file, string block, SearchDimension dimension, YamlNode node,
        List<SearchDimension> space, List<SpecProblem> problems, KeySet keys)
    {
        string where = $"{block}.{dimension.Key}.when";
        if (node is not YamlMappingNode mapping || mapping.Children.Count == 0)
        {
            problems.Add(
                Problem(file, node, where,
                "maps keys of this block to the values that make this key drawn, e.g.  when: { optimizer.name: " +
                "momentum }"));
            return null;
        }
        var match = new Dictionary<string, IReadOnlyList<SpecValue>>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            string name = KeyName(keyNode);
            if (space.FirstOrDefault(d => d.Key == name && d.When is null && d != dimension) is not { } other
                || !keys.TryGet(name, out var key))
            {
                problems.Add(
                    Problem(file, keyNode, $"{where}.{name}",
                    $"a condition names another key of this {block} block that is always drawn; '{name}' is not one."));
                continue;
            }
            var values = IsValueList(key, value) ? Values(file, key, value, $"{where}.{name}", problems)
                : ValueParser.Parse(key, value, out string? problem) is { } v ? [new SpecValue(v, Source(file, value))]
                : Fail(problem!);
            List<SpecValue>? Fail(string message) { problems.Add(
                Problem(file, value, $"{where}.{name}", message)); return null; }
            if (values is null) continue;
            if (other.IsChoice && values.FirstOrDefault(v => other.ChoiceIndex(v.Value) < 0) is { } never)
            {
                problems.Add(
                    Problem(file, value, $"{where}.{name}",
                    $"'{never.Canonical}' is not among {name}'s choices, so the condition never holds."));
                continue;
            }
            match[name] = values;
        }
        return match.Count == mapping.Children.Count ? new KeyMatch(match, Source(file, node)) : null;
    }

    /// <summary>One key's distribution: { uniform: [lo, hi] }, { loguniform: [lo, hi] }, { int: [lo, hi] } or
    /// { choice: [a, b, ...] }, with an optional when: beside it.</summary>
    private static SearchDimension? Distribution(string file, string block, KeyDefinition key, YamlNode node,
        List<SpecProblem> problems, out YamlNode? when)
    {
        string where = $"{block}.{key.Path}";
        when = node is YamlMappingNode withCondition ? Child(withCondition, "when") : null;
        var entries = node is YamlMappingNode m ? m.Children.Where(kv => KeyName(kv.Key) != "when").ToList() : [];
        if (entries.Count != 1 || entries[0].Key is not YamlScalarNode { Value: { } kind }
            || !Distributions.Contains(kind))
        {
            problems.Add(
                Problem(file, node, where,
                $"give one distribution: {{ uniform: [lo, hi] }}, {{ loguniform: [lo, hi] }}, {{ int: [lo, hi] }} or " +
                $"{{ choice: [a, b, ...] }}."));
            return null;
        }
        var args = entries[0].Value;
        var source = Source(file, node);
        if (kind == "choice")
        {
            var values = Values(file, key, args, where, problems);
            return values is null ? null : new SearchDimension(key.Path, DistributionKind.Choice, 0, 0, values, source);
        }
        bool whole = kind == "int";
        if (key.Kind != KeyKind.Any && (whole != (key.Kind == KeyKind.Int) || (!whole && key.Kind != KeyKind.Float)))
        {
            problems.Add(
                Problem(file, node, where,
                key.Kind == KeyKind.Int ? $"is a whole number: draw it with int: [lo, hi] or choice:."
                : key.Kind == KeyKind.Float ? "is a real number: draw it with uniform:, loguniform: or choice:."
                : $"takes {key.Kind.ToString().ToLowerInvariant()} values: draw it with choice: [a, b, ...]."));
            return null;
        }
        if (args is YamlSequenceNode quotedRange
            && quotedRange.Children.FirstOrDefault(ValueParser.IsQuoted) is YamlScalarNode { Value: { } quoted })
        {
            problems.Add(
                Problem(file, quotedRange, where,
                $"'{quoted}' is quoted, so it is text, not a number: write {quoted} without quotes."));
            return null;
        }
        if (args is not YamlSequenceNode { Children.Count: 2 } range || range.Children.Any(c => c is not YamlScalarNode)
            || !double.TryParse(((YamlScalarNode)range.Children[0]).Value, NumberStyles.Float,
            CultureInfo.InvariantCulture, out double lo)
            || !double.TryParse(((YamlScalarNode)range.Children[1]).Value, NumberStyles.Float,
            CultureInfo.InvariantCulture, out double hi)
            || !(lo <= hi) || !double.IsFinite(lo) || !double.IsFinite(hi)
            || (whole && (lo != Math.Floor(lo) || hi != Math.Floor(hi))))
        {
            problems.Add(
                Problem(file, args, where,
                $"{kind} needs [lo, hi] with lo ≤ hi{(whole ? ", both whole numbers" : "")}."));
            return null;
        }
        if (kind == "loguniform" && lo <= 0)
        {
            problems.Add(Problem(file, args, where, "loguniform needs lo > 0 (it draws the logarithm uniformly)."));
            return null;
        }
        foreach (double bound in new[] { lo, hi })
            if (key.Check?.Invoke(whole ? (int)bound : bound) is { } wrong)
            {
                problems.Add(
                    Problem(file, args, where,
                    $"the range reaches {bound.ToString(CultureInfo.InvariantCulture)}, which {wrong}"));
                return null;
            }
        var distribution = kind switch { "int" => DistributionKind.Int, "uniform" => DistributionKind.Uniform,
            _ => DistributionKind.LogUniform };
        return new SearchDimension(key.Path, distribution, lo, hi, [], source);
    }

    /// <summary>`exclude:` is a list of mappings; a trial matching every key of one is left out. A list of values
    /// matches any of them.</summary>
    public static IEnumerable<ExclusionRule> Exclude(string file, YamlNode node, List<SpecProblem> problems,
        KeySet keys)
    {
        if (node is not YamlSequenceNode rules)
        {
            problems.Add(
                Problem(file, node, "exclude",
                "is a list of combinations to leave out, e.g.  - { optimizer.name: adam, optimizer.momentum: 0.9 }"));
            yield break;
        }
        foreach (var rule in rules)
        {
            if (rule is not YamlMappingNode mapping || mapping.Children.Count == 0)
            {
                problems.Add(
                    Problem(file, rule, "exclude",
                    "each rule maps keys to the values that, all together, leave a trial out."));
                continue;
            }
            var match = new Dictionary<string, IReadOnlyList<SpecValue>>(StringComparer.Ordinal);
            foreach (var (key, _, value) in SchemaKeys(file, mapping, "exclude", problems, keys))
            {
                if (IsValueList(key, value))
                {
                    if (Values(file, key, value, "exclude." + key.Path, problems) is { } values)
                        match[key.Path] = values;
                }
                else if (ValueParser.Parse(key, value, out string? problem) is { } v)
                    match[key.Path] = [new SpecValue(v, Source(file, value))];
                else problems.Add(Problem(file, value, "exclude." + key.Path, problem!));
            }
            if (match.Count > 0) yield return new ExclusionRule(match, Source(file, rule));
        }
    }

    private static FactorOption Option(string? name, string key, SpecValue value) =>
        new(name, new Dictionary<string, SpecValue> { [key] = value });
}
