using System.Globalization;
using System.Text;
using System.Text.Json;
using Sweep.Core.Files;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;
using YamlDotNet.RepresentationModel;

namespace Sweep.Harness.Results;

/// <summary>
/// effective.yaml: the sweep as it ran, a sweep file itself: the file as given with the command line's overrides
/// applied and every default written out; the settings that vary are listed one configuration per variant. Running
/// it gives the same trials (the same ids). The reader takes back what the report needs: the selection metric.
/// </summary>
public static class EffectiveSweepFile
{
    public static string Render(SweepPlan plan)
    {
        var spec = plan.Spec;
        var trials = plan.Trials.Where(t => t.DuplicateOf is null).ToList();
        var keys = spec.SettingKeys;
        // A search is written as its search: block (it proposes the same trials again); a grid, zip or random draw as
        // the configurations it made.
        var searched = spec.Search?.Space.Select(d => d.Key).ToHashSet() ?? [];
        var varying =
            keys.Where(k => searched.Contains(k)
            || trials.Select(t => SpecValue.Format(t.Config.GetValueOrDefault(k))).Distinct().Count() > 1).ToList();
        var text = new StringBuilder();
        text.Append(
            "# The sweep as it ran: the sweep file with the command line's overrides applied and every default " +
            "written out.\n");
        text.Append("# Running this file gives the same trials.\n");
        text.Append("# From: ").Append(OneLine(spec.File)).Append('\n');
        text.Append("# Overrides: ")
            .Append(spec.Overrides.Count == 0 ? "none" : OneLine(string.Join(' ', spec.Overrides))).Append('\n');
        text.Append("name: ").Append(spec.Name).Append('\n');
        if (spec.Description.Length > 0)
            text.Append("description: ").Append(JsonSerializer.Serialize(spec.Description)).Append('\n');
        text.Append("select: ").Append(spec.Select.Name).Append('\n');
        text.Append("seeds: [").Append(string.Join(", ", spec.Seeds)).Append("]\n");
        if (spec.Program is { } program) AppendProgram(text, program, Path.GetDirectoryName(spec.File)!);
        // The fixed settings as nested sections (data:, model:, ...), as a sweep file has them; a program's under
        // params:.
        string[] open = [];
        foreach (string key in keys.Where(k => !varying.Contains(k)))
        {
            if (trials.Count == 0 || trials[0].Config.GetValueOrDefault(key) is not { } value) continue;
            string[] parts = spec.Program is null ? key.Split('.') : ["params", key];
            int shared = 0;
            while (shared < open.Length && shared < parts.Length - 1 && open[shared] == parts[shared]) shared++;
            for (int d = shared; d < parts.Length - 1; d++) text.Append(' ', 2 * d).Append(parts[d]).Append(":\n");
            text.Append(' ', 2 * (parts.Length - 1)).Append(parts[^1]).Append(": ").Append(Yaml(key, value))
                .Append('\n');
            open = parts[..^1];
        }
        if (spec.Halving is { } halving) AppendHalving(text, halving);
        if (spec.Search is { } search) AppendSearch(text, search, spec.Select);
        else if (varying.Count > 0)
        {
            text.Append("variants: # one per configuration, in plan order\n");
            var configurations = trials.Select(t => varying.Select(k => t.Config.GetValueOrDefault(k)).ToList())
                .DistinctBy(values => string.Join('\u001f', values.Select(SpecValue.Format))).ToList();
            for (int i = 0; i < configurations.Count; i++)
            {
                var set = varying.Select((k, j) => (k, v: configurations[i][j])).Where(p => p.v is not null)
                    .Select(p => $"{p.k}: {Yaml(p.k, p.v!)}");
                text.Append(string.Create(CultureInfo.InvariantCulture, $"  c{i + 1:D3}: {{ "))
                    .Append(string.Join(", ", set)).Append(" }\n");
            }
        }
        return text.ToString();
    }

    /// <summary>What the report takes back from effective.yaml: the selection metric, and the search's keys that are
    /// drawn only when others match (`when:`), with their conditions: no importance can rank them over the whole
    /// space, and where they were not drawn their default is not a value tried.</summary>
    /// <param name="SearchStartup">A model-based search's random start-up in trials (its proposals times the
    /// seeds); null for any other sweep.</param>
    public sealed record Recorded(ValidationMetric Selection, IReadOnlyDictionary<string, DrawCondition> Conditions,
        int? SearchStartup = null)
    {
        /// <summary>Whether the trials were runs of the user's program (`program:`), which keeps its own
        /// model.</summary>
        public bool RunsProgram { get; init; }

        /// <summary>Successive halving's rungs (epochs), in order; empty without halving (or in a file written
        /// before effective.yaml recorded them).</summary>
        public IReadOnlyList<int> Rungs { get; init; } = [];

        /// <summary>A model-based search's batch in trials (its proposals times the seeds); null otherwise.</summary>
        public int? SearchBatch { get; init; }

        /// <summary>A search's keys and how each was drawn (uniform, loguniform, int, choice).</summary>
        public IReadOnlyDictionary<string, string> Distributions { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>The facts of the sweep as it ran; the defaults when the folder has no effective.yaml (it was made
    /// before the file was written).</summary>
    public static Recorded Read(ResultsLayout layout)
    {
        string path = layout.EffectiveSweep;
        if (!File.Exists(path)) return new Recorded(ValidationMetric.Accuracy, new Dictionary<string, DrawCondition>());
        const string remedy = "Sweep writes it on every run; run the sweep again to rewrite it.";
        YamlMappingNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(
                new StringReader(BoundedFile.ReadAllText(path, Limits.MaxSweepFileBytes * 64L, "effective.yaml")));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (FileLimitException e) { throw ResultsFileException.Refused(path, e, remedy); }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ResultsFileException.AtLine(path, e.Start.Line, "not YAML.", remedy);
        }
        bool program = root?.Children.ContainsKey(new YamlScalarNode("program")) == true;
        if (root is null || !root.Children.TryGetValue(new YamlScalarNode("select"), out var node)
            || !ValidationMetric.TryParse((node as YamlScalarNode)?.Value, program, out var metric))
            throw ResultsFileException.Damaged(path,
                $"names no selection metric (select: {ValidationMetric.Choices}).", remedy);
        // A search is written as its search: block; a random: draw as the configurations it made (variants:), so its
        // distributions and conditions come from the sweep file the folder keeps.
        var space = Block(root, "search") ?? Block(SweepFileRoot(layout), "random");
        return new Recorded(metric, ConditionsOf(space), StartupOf(root))
        {
            RunsProgram = program,
            Rungs = RungsOf(root),
            Distributions = DistributionsOf(space),
            SearchBatch = SearchSetting(root, "batch"),
        };
    }

    private static YamlMappingNode? Block(YamlMappingNode? root, string name) =>
        root is not null && root.Children.TryGetValue(new YamlScalarNode(name), out var node)
            ? node as YamlMappingNode : null;

    /// <summary>sweep.yaml as YAML; null when it is missing or unreadable (the report then goes without a random
    /// draw's distributions, as for a folder written before they were read).</summary>
    private static YamlMappingNode? SweepFileRoot(ResultsLayout layout)
    {
        try
        {
            if (!File.Exists(layout.SweepFile)) return null;
            var stream = new YamlStream();
            stream.Load(new StringReader(BoundedFile.ReadAllText(layout.SweepFile, Limits.MaxSweepFileBytes,
                "sweep.yaml")));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (Exception e) when (e is FileLimitException or YamlDotNet.Core.YamlException or IOException)
        {
            return null;
        }
    }

    /// <summary>The keys of a search: or random: block drawn only when others match (`when:`), with their
    /// conditions.</summary>
    private static Dictionary<string, DrawCondition> ConditionsOf(YamlMappingNode? space)
    {
        var conditions = new Dictionary<string, DrawCondition>(StringComparer.Ordinal);
        foreach (var (key, value) in space?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode distribution
                && distribution.Children.TryGetValue(new YamlScalarNode("when"), out var when))
                conditions[name] = Condition(when);
        return conditions;
    }

    /// <summary>A search: or random: block's keys and the distribution each names.</summary>
    private static Dictionary<string, string> DistributionsOf(YamlMappingNode? space)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in space?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
            if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode distribution
                && distribution.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value)
                .FirstOrDefault(k => k is "uniform" or "loguniform" or "int" or "choice") is { } kind)
                kinds[name] = kind;
        return kinds;
    }

    /// <summary>halving.rungs, as written above; empty when absent or unreadable.</summary>
    private static IReadOnlyList<int> RungsOf(YamlMappingNode root) =>
        root.Children.TryGetValue(new YamlScalarNode("halving"), out var node) && node is YamlMappingNode halving
        && halving.Children.TryGetValue(new YamlScalarNode("rungs"), out var rungs) && rungs is YamlSequenceNode list
            ? [.. list.Children.OfType<YamlScalarNode>().Select(r => int.TryParse(r.Value, NumberStyles.None,
                CultureInfo.InvariantCulture, out int e) ? e : 0).Where(e => e > 0)]
            : [];

    /// <summary>search.startup × the number of seeds, for a `method: tpe` search; null otherwise or when either is
    /// unreadable (a chart then goes without the mark).</summary>
    private static int? StartupOf(YamlMappingNode root) => SearchSetting(root, "startup");

    /// <summary>A `method: tpe` search's setting (startup, batch) in trials: its proposals times the number of
    /// seeds; null for any other sweep or when either is unreadable (a chart then goes without its marks).</summary>
    private static int? SearchSetting(YamlMappingNode root, string name)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("search"), out var node) || node is not YamlMappingNode search
            || !search.Children.TryGetValue(new YamlScalarNode("method"), out var method)
            || method is not YamlScalarNode { Value: "tpe" }
            || !search.Children.TryGetValue(new YamlScalarNode(name), out var setting)
            || setting is not YamlScalarNode { Value: { } count }
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int proposals))
            return null;
        int seeds = root.Children.TryGetValue(new YamlScalarNode("seeds"), out var s) && s is YamlSequenceNode list
            ? list.Children.Count : 1;
        return proposals * seeds;
    }

    /// <summary>`when: { optimizer.name: ["momentum"] }` as written above; a key with a value this reader does not
    /// know how to compare is left out of the condition, so it never hides a trial.</summary>
    private static DrawCondition Condition(YamlNode when)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (when is YamlMappingNode map)
            foreach (var (key, node) in map.Children)
            {
                var listed = (node is YamlSequenceNode items ? items.Children : [node]).Select(Text).ToList();
                if (key is YamlScalarNode { Value: { } other } && listed.All(v => v is not null))
                    values[other] = listed!;
            }
        return new DrawCondition(values);

        // A scalar as its text; a list of scalars as plan.csv writes a list (SpecValue.Format: "[128,64]").
        static string? Text(YamlNode node) => node switch
        {
            YamlScalarNode { Value: { } v } => v,
            YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode { Value: not null }) =>
                "[" + string.Join(",", list.Children.Select(c => ((YamlScalarNode)c).Value)) + "]",
            _ => null,
        };
    }

    private static void AppendSearch(StringBuilder text, SearchOptions search, ValidationMetric select)
    {
        text.Append("search:\n");
        text.Append("  method: ").Append(search.Method).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  count: {search.Count}\n  seed: {search.Seed}\n");
        text.Append("  metric: ").Append(search.MetricOr(select).Name).Append('\n');
        if (search.IsModelBased)
            text.Append(CultureInfo.InvariantCulture, $"  startup: {search.Startup}\n  batch: {search.Batch}\n");
        foreach (var d in search.Space)
        {
            string distribution = d.IsChoice
                ? "choice: [" + string.Join(", ", d.Choices.Select(c => Yaml(d.Key, c.Value))) + "]"
                : string.Create(CultureInfo.InvariantCulture,
                $"{(d.Kind == DistributionKind.LogUniform ? "loguniform" : d.Kind.ToString().ToLowerInvariant())}: [" +
                $"{Bound(d, d.Low)}, {Bound(d, d.High)}]");
            string when = d.When is { } w
                ? ", when: { " + string.Join(", ",
                w.Match.Select(kv => $"{kv.Key}: [{string.Join(", ", kv.Value.Select(v => Yaml(kv.Key, v.Value)))}]"))
                + " }"
                : "";
            text.Append("  ").Append(d.Key).Append(": { ").Append(distribution).Append(when).Append(" }\n");
        }
    }

    private static string Bound(SearchDimension d, double value) =>
        d.Kind == DistributionKind.Int ? ((int)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R",
        CultureInfo.InvariantCulture);

    private static string Yaml(string key, object value) => YamlScalars.Of(key, value);

    private static void AppendHalving(StringBuilder text, HalvingOptions halving)
    {
        string brackets = halving.Brackets > 1 ? FormattableString.Invariant($", brackets: {halving.Brackets}") : "";
        text.Append(FormattableString.Invariant($"halving: {{ rungs: [{string.Join(", ", halving.Rungs)}], "))
            .Append(FormattableString.Invariant($"keep: {halving.Keep:R}, metric: {halving.Metric.Name}, "))
            .Append($"asynchronous: {(halving.Asynchronous ? "true" : "false")}{brackets} }}\n");
    }

    /// <summary>The program: block, its folder written out whole (effective.yaml lives in the results folder, not
    /// beside the sweep file).</summary>
    private static void AppendProgram(StringBuilder text, ProgramOptions program, string sweepFolder)
    {
        static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quoted)) + "]";
        static string Quoted(string item) => JsonSerializer.Serialize(item);
        text.Append("program:\n  command: ").Append(List(program.Command)).Append('\n');
        text.Append("  workdir: ").Append(Quoted(ProgramChecks.WorkingDirectory(program, sweepFolder))).Append('\n');
        if (program.Resume.Count > 0) text.Append("  resume: ").Append(List(program.Resume)).Append('\n');
        if (program.TimeLimitSeconds is double limit)
            text.Append("  time_limit: ").Append(limit.ToString("R", CultureInfo.InvariantCulture)).Append("s\n");
        if (program.Epochs is int epochs)
            text.Append("  epochs: ").Append(epochs.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (program.Environment.Count > 0)
            text.Append("  env: { ").Append(string.Join(", ", program.Environment.Select(kv =>
                $"{kv.Key}: {Quoted(kv.Value)}"))).Append(" }\n");
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
