using System.Globalization;
using Sweep.Core.Files;
using Sweep.Harness.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using static Sweep.Harness.Spec.SpecNodes;

namespace Sweep.Harness.Spec;

/// <summary>
/// Reads a sweep file (and the files it extends) and command-line overrides into a <see cref="SweepSpec"/>,
/// collecting every problem, each with file, line, column and key, before throwing them all at once.
/// </summary>
public static class SpecReader
{
    private const int MaxExtendsDepth = 8;
    public const int MaxNameLength = 100;

    /// <summary>The documented alphabet of sweep names: safe as a folder name, in a batch script and on a command
    /// line.</summary>
    public static bool IsName(string name) =>
        name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A value quoted in a message with its control characters shown as escapes, so it cannot break a
    /// line.</summary>
    private static string Printable(string text) =>
        string.Concat(
            text.Take(120)
            .Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + (text.Length > 120 ? "…" : "");

    public static SweepSpec Read(string path, IReadOnlyList<string>? overrides = null)
    {
        var problems = new List<SpecProblem>();
        var draft = new Draft();
        string fullPath = Path.GetFullPath(path);
        string text = ReadFile(fullPath, path, draft, problems, depth: 0, new HashSet<string>());
        foreach (string o in overrides ?? []) ApplyOverride(o, draft, problems);
        if (draft.Name is null && problems.Count == 0)
            problems.Add(
                new SpecProblem(path, 0, 0, "name",
                "is required: give the sweep a name (it names the results folder)."));
        if (draft.Name is { } n && !IsName(n))
            problems.Add(new SpecProblem(draft.NameSource.File, draft.NameSource.Line, draft.NameSource.Column, "name",
                $"'{Printable(n)}' cannot name a sweep: use 1 to {MaxNameLength} letters, digits, '-', '_' and '.', " +
                "starting with a letter or digit " +
                "(the name becomes a folder and a Slurm job name)."));
        // Cross-key checks only on a file that parsed: "data.dataset is required" is noise next to "not YAML".
        if (!problems.Any(p => p.Key.Length == 0))
        {
            problems.AddRange(SearchChecks(draft));
            var factors = draft.Search is { } search ? SearchSpaceFactors(search) : draft.Factors;
            problems.AddRange(SpecValidator.Check(path, draft.Values, factors, draft.Exclusions, draft.Invalid,
                draft.Halving, draft.Seeds.Length, draft.IsProgram));
            if (draft.Program is { } program)
                problems.AddRange(ProgramChecks.Check(program,
                    draft.Values.Keys.Concat(factors.SelectMany(f => f.Keys)), draft.Halving));
        }
        if (problems.Count > 0) throw new SpecException(problems);
        return new SweepSpec(draft.Name!, draft.Description, fullPath, text,
            new Dictionary<string, SpecValue>(draft.Values), draft.Factors.ToList(), draft.Exclusions.ToList(),
            draft.Seeds, draft.Halving)
        {
            Overrides = overrides ?? [],
            Select = draft.Select,
            Warnings = VariedTwice(draft.Factors),
            Search = draft.Search,
            Program = draft.Program,
        };
    }

    /// <summary>A search proposes whole configurations from its own space: other factors, exclusions and halving
    /// would change what its proposals mean, so they are refused with it; a model-based search learns from
    /// validation metrics, so it needs a validation split.</summary>
    private static IEnumerable<SpecProblem> SearchChecks(Draft draft)
    {
        if (draft.Search is not { } search) yield break;
        var at = search.Source;
        if (draft.Factors.Count > 0)
            yield return new SpecProblem(at.File, at.Line, at.Column, "search",
                "proposes whole configurations, so it cannot be combined with " +
                $"{string.Join(" or ", draft.Factors.Select(FactorName).Distinct())}: " +
                "give those keys to search: as { choice: [...] } (and a key that only some choices use a when:).");
        if (draft.Exclusions.Count > 0)
            yield return new SpecProblem(at.File, at.Line, at.Column, "search",
                "cannot be combined with exclude:: narrow the ranges, or draw a key only when another matches with " +
                "when:.");
        if (draft.Halving is { Asynchronous: false } && search.IsModelBased)
            yield return new SpecProblem(at.File, at.Line, at.Column, "halving",
                $"a {search.Method} search proposes configurations batch by batch, and synchronous halving ranks the " +
                "whole sweep at each rung: combine them with asynchronous: true (asynchronous halving, as BOHB does).");
        double validation = draft.Values.TryGetValue("data.split.validation", out var v) ? (double)v.Value : 0;
        // A program reports its own validation metrics.
        if (search.IsModelBased && validation <= 0 && !draft.IsProgram)
            yield return new SpecProblem(at.File, at.Line, at.Column, "search.method",
                $"{search.Method} learns from validation metrics, and this sweep has no validation split: set " +
                "data.split.validation (e.g. 0.1).");
    }

    /// <summary>The search space as factors for the cross-key checks: each key at its choices or at both ends of its
    /// range, so a network too large at the widest choice is found before anything runs.</summary>
    private static List<SweepFactor> SearchSpaceFactors(SearchOptions search) =>
        search.Space.Select(d => new SweepFactor(FactorKind.Grid, d.Key,
            d.Extremes().Select(v => new FactorOption(null, new Dictionary<string, SpecValue> { [d.Key] = v }))
            .ToList(), d.Source)).ToList();

    /// <summary>What the files and overrides have said so far; later sources overwrite earlier ones key by
    /// key.</summary>
    private sealed class Draft
    {
        public string? Name;
        public SpecSource NameSource = SpecSource.CommandLine;
        public string Description = "";
        public ValidationMetric Select = ValidationMetric.Accuracy;
        public readonly Dictionary<string, SpecValue> Values = new(StringComparer.Ordinal);
        /// <summary>In expansion order. A list, not a dictionary: replacing a factor must not reorder the
        /// others.</summary>
        public readonly List<SweepFactor> Factors = [];
        public readonly List<ExclusionRule> Exclusions = [];

        /// <summary>A later file's factor replaces an earlier one of the same kind and label (a grid key, the
        /// variants, the random search, a zip group of the same keys) in place.</summary>
        public void SetFactor(SweepFactor factor)
        {
            int at = Factors.FindIndex(f => f.Kind == factor.Kind && f.Label == factor.Label);
            if (at >= 0) Factors[at] = factor;
            else Factors.Add(factor);
        }

        /// <summary>A command-line list: takes the place of the key's grid axis, or comes last, and takes the key out
        /// of every other factor.</summary>
        public void Sweep(SweepFactor axis)
        {
            for (int i = Factors.Count - 1; i >= 0; i--)
                if (Factors[i].Kind == FactorKind.Grid && Factors[i].Label == axis.Label) Factors[i] = axis;
                else if (Factors[i].Without(axis.Label) is { } rest) Factors[i] = rest;
                else Factors.RemoveAt(i);
            if (!Factors.Contains(axis)) Factors.Add(axis);
        }

        /// <summary>A single value given for a key wins over every factor that sweeps it, and over the
        /// search.</summary>
        public void Fix(string key)
        {
            if (Search is { } search) Search = search with { Space = search.Space.Where(d => d.Key != key).ToList() };
            for (int i = Factors.Count - 1; i >= 0; i--)
                if (Factors[i].Without(key) is { } rest) Factors[i] = rest;
                else Factors.RemoveAt(i);
        }
        public int[] Seeds = [1];
        public HalvingOptions? Halving;
        public SearchOptions? Search;
        public ProgramOptions? Program;
        /// <summary>Whether a file of the chain names `program:`: then every key is the program's.</summary>
        public bool IsProgram;
        public KeySet Keys => IsProgram ? KeySet.Program : KeySet.Network;
        /// <summary>Keys given with a value that did not parse: present, so not reported again as missing.</summary>
        public readonly HashSet<string> Invalid = new(StringComparer.Ordinal);
    }

    /// <summary>The line and column (1-based) of the first byte that is not UTF-8, or null: a decoder would put
    /// U+FFFD there and go on, and a key or value would silently differ from what the user meant.</summary>
    private static (int Line, int Column)? InvalidUtf8At(ReadOnlySpan<byte> bytes)
    {
        int line = 1, column = 1;
        while (!bytes.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out _, out int used) != System.Buffers.OperationStatus.Done)
                return (line, column);
            (line, column) = bytes[0] == (byte)'\n' ? (line + 1, 1) : (line, column + 1);
            bytes = bytes[used..];
        }
        return null;
    }

    private static string ReadFile(string fullPath, string shownPath, Draft draft, List<SpecProblem> problems,
        int depth, HashSet<string> chain)
    {
        string text;
        try
        {
            byte[] bytes = BoundedFile.ReadAllBytes(fullPath, Limits.MaxSweepFileBytes, "a sweep file");
            if (InvalidUtf8At(bytes) is var (line, column))
            {
                problems.Add(new SpecProblem(shownPath, line, column, "",
                    "is not valid UTF-8 text here; save the file as UTF-8 (Sweep does not guess what a byte meant)."));
                return "";
            }
            text = BoundedFile.ReadAllText(fullPath, Limits.MaxSweepFileBytes, "a sweep file");
        }
        catch (FileLimitException e)
        {
            problems.Add(new SpecProblem(shownPath, 0, 0, "", e.Problem));
            return "";
        }
        if (YamlSafety.Check(shownPath, text) is { } unsafeText) { problems.Add(unsafeText); return text; }
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException y)
        {
            problems.Add(new SpecProblem(shownPath, (int)y.Start.Line, (int)y.Start.Column, "", "YAML syntax error: "
                + y.Message));
            return text;
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            problems.Add(new SpecProblem(shownPath, (int)second.Line, (int)second.Column, "",
                "a second YAML document (after '---'): a sweep file is one document, and Sweep would not read this " +
                "one. Remove it, or make it a sweep file of its own."));
            return text;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(
                new SpecProblem(shownPath, 1, 1, "",
                "a sweep file is a mapping of keys (name:, data:, model:, ...); this one is not."));
            return text;
        }

        // Before anything else (the base included): a program's sweep reads every key as the program's.
        if (Child(root, "program") is not null) draft.IsProgram = true;

        // extends: first, so this file's own values land on top of its base's.
        if (Child(root, "extends") is { } extendsNode)
        {
            if (extendsNode is not YamlScalarNode { Value: { Length: > 0 } basePath })
                problems.Add(Problem(shownPath, extendsNode, "extends", "must be the path of a base sweep file."));
            else
            {
                string full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fullPath)!, basePath));
                // Only sweep files: a base named otherwise (a system file, a device) is refused unread, so that
                // no line of it can reach an error message.
                if (Path.GetExtension(full) is not (".yaml" or ".yml"))
                    problems.Add(
                        Problem(shownPath, extendsNode, "extends",
                        $"'{Printable(basePath)}' is not a sweep file: a base must be a .yaml or .yml file."));
                else if (!chain.Add(fullPath) || chain.Contains(full) || depth >= MaxExtendsDepth)
                    problems.Add(
                        Problem(shownPath, extendsNode, "extends",
                        $"'{basePath}' extends back into itself (or the chain is over {MaxExtendsDepth} files deep)."));
                else
                    ReadFile(full, Path.GetRelativePath(Directory.GetCurrentDirectory(), full), draft, problems,
                        depth + 1, chain);
            }
        }

        foreach (var (keyNode, valueNode) in root.Children)
        {
            string key = KeyName(keyNode);
            switch (key)
            {
                case "extends": break;
                case "name":
                    if (valueNode is YamlScalarNode { Value: { } name })
                    {
                        draft.Name = name;
                        draft.NameSource = Source(shownPath, valueNode);
                    }
                    else problems.Add(Problem(shownPath, valueNode, "name", "must be a single word naming the sweep."));
                    break;
                case "select":
                    if (ValidationMetric.TryParse((valueNode as YamlScalarNode)?.Value, draft.IsProgram,
                        out var metric))
                    {
                        draft.Select = metric;
                    }
                    else problems.Add(
                        Problem(shownPath, valueNode, "select",
                        "names the validation metric that picks the winner: " +
                        $"{ValidationMetric.ChoicesFor(draft.IsProgram)}."));
                    break;
                case "description":
                    draft.Description = (valueNode as YamlScalarNode)?.Value ?? "";
                    break;
                case "seeds":
                    if (Seeds(valueNode) is { } seeds) draft.Seeds = seeds;
                    else problems.Add(
                        Problem(shownPath, valueNode, "seeds",
                        $"give a count from 1 to {Limits.MaxSeeds:N0} (seeds: 3 runs seeds 1, 2, 3) or a list of " +
                        "distinct whole numbers ≥ 0."));
                    break;
                case "grid":
                    // `grid: {}` in a file that extends another says: none of the base's grid.
                    if (valueNode is YamlMappingNode { Children.Count: 0 })
                        draft.Factors.RemoveAll(f => f.Kind == FactorKind.Grid);
                    foreach (var factor in FactorReader.Grid(shownPath, valueNode, problems, draft.Keys))
                        draft.SetFactor(factor);
                    break;
                case "zip":
                    foreach (var factor in FactorReader.Zip(shownPath, valueNode, problems, draft.Keys))
                        draft.SetFactor(factor);
                    break;
                case "variants":
                    if (FactorReader.Variants(shownPath, valueNode, problems, draft.Keys) is { } variants)
                        draft.SetFactor(variants);
                    break;
                case "random":
                    if (FactorReader.Random(shownPath, valueNode, problems, draft.Keys) is { } random)
                        draft.SetFactor(random);
                    break;
                case "halving":
                    draft.Halving = HalvingOptions.Read(shownPath, valueNode, problems, draft.IsProgram);
                    break;
                case "search":
                    draft.Search = SearchOptions.Read(shownPath, valueNode, problems, draft.Keys);
                    break;
                case "exclude":
                    draft.Exclusions.AddRange(FactorReader.Exclude(shownPath, valueNode, problems, draft.Keys));
                    break;
                case "program":
                    draft.Program = ProgramOptions.Read(shownPath, valueNode, problems);
                    break;
                case "params" when draft.IsProgram:
                    ProgramOptions.ReadParams(shownPath, valueNode, draft.Values, problems);
                    break;
                default:
                    if (Schema.IsSection(key) && draft.IsProgram)
                        problems.Add(Problem(shownPath, keyNode, key,
                            "is a key of Sweep's own networks; this sweep runs a program (program:), which reads " +
                            "its own data and model. Give the program's settings under params: (fixed) or grid: " +
                            "(swept)."));
                    else if (Schema.IsSection(key)) ReadSection(shownPath, key, valueNode, draft, problems);
                    else problems.Add(
                        Problem(shownPath, keyNode, key,
                        $"unknown key.{DidYouMean.Suggest(key, Schema.TopLevel)} Top-level keys: " +
                        $"{string.Join(", ", Schema.TopLevel)}."));
                    break;
            }
        }
        return text;
    }

    private static void ReadSection(string file, string path, YamlNode node, Draft draft, List<SpecProblem> problems)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, path, "is a section: give its keys below it (e.g. "
                + Schema.AllPaths.First(p => p.StartsWith(path + ".", StringComparison.Ordinal)) + ")."));
            return;
        }
        foreach (var (keyNode, child) in mapping.Children)
        {
            string full = path + "." + KeyName(keyNode);
            if (Schema.TryGet(full, out var key))
            {
                if (child is YamlScalarNode { Value: "null" or "~" or "" } && key.Default is null)
                {
                    draft.Values.Remove(full);
                    continue;
                }
                if (ValueParser.Parse(key, child, out string? problem) is { } value)
                    draft.Values[full] = new SpecValue(value, Source(file, child));
                else
                {
                    problems.Add(Problem(file, child, full, problem!));
                    draft.Invalid.Add(full);
                }
            }
            else if (Schema.IsSection(full)) ReadSection(file, full, child, draft, problems);
            else problems.Add(Problem(file, keyNode, full, $"unknown key.{DidYouMean.Suggest(full, Schema.AllPaths)}"));
        }
    }

    /// <summary>key=value: a single value sets the key (and removes it from the grid); a list sweeps over it.</summary>
    private static void ApplyOverride(string text, Draft draft, List<SpecProblem> problems)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
        {
            string hint = text.Contains(']') || text.Contains('}')
                ? " It looks like the rest of a list the shell split at a space: quote the whole override." : "";
            problems.Add(
                new SpecProblem("command line", 0, 0, text,
                $"overrides take the form key=value, e.g. train.epochs=2 or 'optimizer.lr=[0.1, 0.01]'.{hint}"));
            return;
        }
        string path = text[..eq].Trim(), raw = text[(eq + 1)..];
        YamlNode node;
        // `optimizer.lr=[0.1, 0.01]` unquoted reaches us as two arguments, "optimizer.lr=[0.1," and "0.01]".
        string split = raw.Count(c => c is '[' or '{') > raw.Count(c => c is ']' or '}')
            ? $" The shell split this value at a space: quote the whole override, e.g. '{path}={raw} ...]', or write " +
            "the list without spaces."
            : "";
        // The same limits as a file's text (size, depth, no aliases): an override is YAML too.
        if (YamlSafety.Check("command line", raw) is { } unsafeValue)
        {
            problems.Add(unsafeValue with { Key = path, Line = 0, Column = 0, Message = unsafeValue.Message + split });
            return;
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(raw.Length == 0 ? "''" : raw));
            node = stream.Documents[0].RootNode;
        }
        catch (YamlException y)
        {
            problems.Add(
                new SpecProblem("command line", 0, 0, path,
                $"'{raw}' is not a value ({y.Message.Split("): ").Last()}).{split}"));
            return;
        }
        switch (path)
        {
            case "name": draft.Name = raw; draft.NameSource = SpecSource.CommandLine; return;
            case "select":
                if (ValidationMetric.TryParse(raw, draft.IsProgram, out var metric)) draft.Select = metric;
                else problems.Add(
                    new SpecProblem("command line", 0, 0, path,
                    "names the validation metric that picks the winner: " +
                    $"{ValidationMetric.ChoicesFor(draft.IsProgram)}."));
                return;
            case "seeds":
                if (Seeds(node) is { } seeds) draft.Seeds = seeds;
                else problems.Add(
                    new SpecProblem("command line", 0, 0, path,
                    $"give a count from 1 to {Limits.MaxSeeds:N0} or a list of distinct whole numbers ≥ 0."));
                return;
            case var setting when setting.StartsWith("search.", StringComparison.Ordinal)
                && SearchOptions.Settings.Contains(setting[7..]):
                // The study's knob: the same search file run with another sampler seed or method.
                if (draft.Search is not { } search)
                    problems.Add(
                        new SpecProblem("command line", 0, 0, path,
                        "sets a search setting, but the sweep has no search: block."));
                else if (SearchOptions.Apply(search, setting[7..], raw, draft.IsProgram, out string? wrong) is
                    { } changed) draft.Search = changed;
                else problems.Add(new SpecProblem("command line", 0, 0, path, wrong!));
                return;
        }
        if (!draft.Keys.TryGet(path, out var key))
        {
            problems.Add(
                new SpecProblem("command line", 0, 0, path,
                draft.Keys.WhyNot(path)));
            return;
        }
        if (IsValueList(key, node))
        {
            var values = new List<SpecValue>();
            foreach (var item in (YamlSequenceNode)node)
                if (ValueParser.Parse(key, item, out string? problem) is { } v)
                    values.Add(new SpecValue(v, SpecSource.CommandLine));
                else problems.Add(new SpecProblem("command line", 0, 0, path, problem!));
            if (values.Count == 0)
                problems.Add(
                    new SpecProblem("command line", 0, 0, path, "needs a non-empty list of values to sweep over."));
            draft.Sweep(
                new SweepFactor(FactorKind.Grid, path,
                values.Select(v => new FactorOption(null, new Dictionary<string, SpecValue> { [path] = v })).ToList(),
                SpecSource.CommandLine));
            return;
        }
        if (ValueParser.Parse(key, node, out string? why) is { } value)
        {
            draft.Values[path] = new SpecValue(value, SpecSource.CommandLine);
            draft.Fix(path);
        }
        else problems.Add(new SpecProblem("command line", 0, 0, path, why!));
    }

    /// <summary>A key that two factors vary (a grid axis and a zip group, say) multiplies the plan into duplicates
    /// without an error: said as a warning, naming the key and the factors.</summary>
    private static IReadOnlyList<string> VariedTwice(IReadOnlyList<SweepFactor> factors) =>
        factors.SelectMany(f => f.Keys.Distinct().Select(k => (Key: k, Factor: f))).GroupBy(p => p.Key)
        .Where(g => g.Count() > 1)
            .Select(g =>
                $"{g.Key} is varied by more than one factor (" +
                $"{string.Join(" and ", g.Select(p => FactorName(p.Factor)))}): every combination of them runs, " +
                         "and the one that sets it last wins, so many trials come out alike. Vary it in one place.")
            .ToList();

    private static string FactorName(SweepFactor f) => f.Kind switch
    {
        FactorKind.Grid => "grid",
        FactorKind.Zip => "zip",
        FactorKind.Variants => "variants",
        FactorKind.Random => "random",
        _ => f.Kind.ToString().ToLowerInvariant(),
    };

    private static int[]? Seeds(YamlNode node)
    {
        if (node is YamlScalarNode { Value: { } s }
            && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count)
                && count is > 0 and <= Limits.MaxSeeds)
            return Enumerable.Range(1, count).ToArray();
        if (node is YamlSequenceNode seq && seq.Children.Count > 0)
        {
            var list = new List<int>();
            foreach (var item in seq)
                if (item is YamlScalarNode { Value: { } v }
                    && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed) && seed >= 0)
                        list.Add(seed);
                else return null;
            return list.Count <= Limits.MaxSeeds && list.Distinct().Count() == list.Count ? [.. list] : null;
        }
        return null;
    }
}
