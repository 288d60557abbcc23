using YamlDotNet.RepresentationModel;

namespace Sweep.Harness.Spec;

/// <summary>Small helpers for reading YAML nodes into keys, positions and problems.</summary>
internal static class SpecNodes
{
    /// <summary>A mapping key as text; a list or mapping used as a key (legal YAML, never a sweep key) reads as
    /// such.</summary>
    public static string KeyName(YamlNode node) =>
        node is YamlScalarNode { Value: { } v } ? v : "<a list or mapping used as a key>";

    public static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == key).Value;

    public static SpecSource Source(string file, YamlNode node) => new(file, (int)node.Start.Line,
        (int)node.Start.Column);

    public static SpecProblem Problem(string file, YamlNode node, string key, string message) =>
        new(file, (int)node.Start.Line, (int)node.Start.Column, key, message);

    /// <summary>
    /// The dotted keys of a mapping that may be written flat (`optimizer.lr: 0.1`) or nested (`optimizer: {lr: 0.1}`),
    /// with their key and value nodes. Unknown keys are reported with a suggestion and left out.
    /// </summary>
    public static IEnumerable<(KeyDefinition Key, YamlNode KeyNode, YamlNode Value)> SchemaKeys(string file,
        YamlMappingNode mapping, string where, List<SpecProblem> problems, KeySet keys, string prefix = "")
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            string path = prefix + KeyName(keyNode);
            if (keys.TryGet(path, out var key)) yield return (key, keyNode, value);
            else if (keys.IsSection(path) && value is YamlMappingNode nested)
                foreach (var inner in SchemaKeys(file, nested, where, problems, keys, path + ".")) yield return inner;
            else problems.Add(
                Problem(file, keyNode, $"{where}.{path}", keys.WhyNot(path)));
        }
    }

    /// <summary>Whether a node lists several values of the key rather than giving one: any list, except that for
    /// list-valued keys (layer sizes) only a list of lists does.</summary>
    public static bool IsValueList(KeyDefinition key, YamlNode node) =>
        node is YamlSequenceNode seq
        && (key.Kind is not (KeyKind.IntList or KeyKind.ChoiceList)
        || seq.Children.FirstOrDefault() is YamlSequenceNode);

    /// <summary>The values a key sweeps over, given as a YAML list. For list-valued keys (layer sizes) a list of
    /// lists: `[[32], [64]]` is two values where `[32, 64]` is one.</summary>
    public static List<SpecValue>? Values(string file, KeyDefinition key, YamlNode node, string where,
        List<SpecProblem> problems)
    {
        bool listKey = key.Kind is KeyKind.IntList or KeyKind.ChoiceList;
        if (node is not YamlSequenceNode seq || seq.Children.Count == 0
            || (listKey && seq.Children[0] is not YamlSequenceNode))
        {
            problems.Add(Problem(file, node, where, listKey
                ? $"needs a non-empty list of values, each a list itself, e.g. [[64], [128, 64]]."
                : "needs a non-empty list of values, e.g. [0.1, 0.01]."));
            return null;
        }
        var values = new List<SpecValue>();
        foreach (var item in seq)
            if (ValueParser.Parse(key, item, out string? problem) is { } value)
                values.Add(new SpecValue(value, Source(file, item)));
            else problems.Add(Problem(file, item, where, problem!));
        return values;
    }
}
