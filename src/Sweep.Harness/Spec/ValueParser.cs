using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sweep.Harness.Spec;

/// <summary>Turns a YAML node into the typed value its key wants, or says why it cannot.</summary>
internal static class ValueParser
{
    /// <summary>The value, or null with <paramref name="problem"/> set.</summary>
    public static object? Parse(KeyDefinition key, YamlNode node, out string? problem)
    {
        problem = null;
        object? value = key.Kind switch
        {
            KeyKind.IntList =>
                List(node, s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture,
                out int v) ? v : null, "whole numbers", out problem)?.Cast<int>().ToArray(),
            KeyKind.ChoiceList => List(node, s => s, "names", out problem)?.Cast<string>().ToArray(),
            _ => Scalar(key, node, out problem),
        };
        if (value is null) return null;
        if (key.Choices is { } choices)
            foreach (string name in value is string[] names ? names : value is string one ? [one] : [])
                if (!choices.Contains(name))
                {
                    problem =
                        $"unknown value '{name}'.{DidYouMean.Suggest(name, choices)} Known: " +
                        $"{string.Join(", ", choices.Order(StringComparer.Ordinal))}.";
                    return null;
                }
        problem = key.Check?.Invoke(value);
        return problem is null ? value : null;
    }

    private static object? Scalar(KeyDefinition key, YamlNode node, out string? problem)
    {
        problem = null;
        if (node is not YamlScalarNode { Value: { } text })
        {
            problem =
                $"expected one value ({Describe(key.Kind)}), found a {(node is YamlSequenceNode ? "list" : "mapping")}"
                +
                      (node is YamlSequenceNode ? " (to sweep over several values, put the key under grid:)" : "")
                      + ".";
            return null;
        }
        if (key.Kind is KeyKind.Int or KeyKind.Float or KeyKind.Bool && IsQuoted(node))
        {
            problem = $"'{text}' is quoted, so it is text, not {Describe(key.Kind)}: write {text} without quotes.";
            return null;
        }
        object? value = key.Kind switch
        {
            KeyKind.Int => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i : null,
            KeyKind.Float => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
                && double.IsFinite(d) ? d : null,
            KeyKind.Bool => text switch { "true" or "True" or "yes" => true, "false" or "False" or "no" => false,
                _ => null },
            KeyKind.Duration => Duration(text),
            KeyKind.Any => AsWritten(text, IsQuoted(node)),
            _ => text,
        };
        if (value is null) problem = $"'{text}' is not {Describe(key.Kind)}.";
        return value;
    }

    /// <summary>A program key's value as YAML types it: quoted text stays text; otherwise a whole number, a finite
    /// real number, true or false, or text.</summary>
    private static object AsWritten(string text, bool quoted) =>
        quoted ? text
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int i) ? i
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
        : text switch { "true" => true, "false" => false, _ => text };

    private static List<object>? List(YamlNode node, Func<string, object?> item, string what, out string? problem)
    {
        problem = null;
        if (node is not YamlSequenceNode seq)
        {
            problem = $"expected a list of {what}, e.g. [128, 64].";
            return null;
        }
        var result = new List<object>();
        foreach (var child in seq)
        {
            if (child is YamlScalarNode { Value: { } quoted } && IsQuoted(child) && what == "whole numbers")
            {
                problem = $"'{quoted}' is quoted, so it is text, not a whole number: write {quoted} without quotes.";
                return null;
            }
            if (child is not YamlScalarNode { Value: { } s } || item(s) is not { } v)
            {
                problem =
                    $"every item must be one of the {what}; '{(child as YamlScalarNode)?.Value ?? "a nested list"}' " +
                    "is not.";
                return null;
            }
            result.Add(v);
        }
        return result;
    }

    /// <summary>A number written in quotes is text in YAML: taking it as a number anyway would hide a typo such as
    /// lr: "0.05" meant as a choice.</summary>
    public static bool IsQuoted(YamlNode node) =>
        node is YamlScalarNode
        {
            Style: YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted,
        };

    /// <summary>"90s", "10m", "1.5h" or plain seconds.</summary>
    private static object? Duration(string text)
    {
        double factor = text.EndsWith('h') ? 3600 : text.EndsWith('m') ? 60 : 1;
        string number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (text.EndsWith('s') || factor != 1 || char.IsDigit(text[^1]))
            if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                && double.IsFinite(v)) return v * factor;
        return null;
    }

    private static string Describe(KeyKind kind) => kind switch
    {
        KeyKind.Int => "a whole number",
        KeyKind.Float => "a number",
        KeyKind.Bool => "true or false",
        KeyKind.Duration => "a duration such as 90s, 10m or 2h",
        KeyKind.Any => "a number, true, false or text",
        _ => "a text value",
    };
}
