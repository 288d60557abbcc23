namespace Sweep.Harness.Spec;

public enum KeyKind
{
    Int,
    Float,
    Bool,
    /// <summary>Free text, e.g. a file path.</summary>
    Text,
    /// <summary>One of a fixed set of names.</summary>
    Choice,
    /// <summary>A list of whole numbers, e.g. layer sizes.</summary>
    IntList,
    /// <summary>A list of names, e.g. one activation per hidden layer.</summary>
    ChoiceList,
    /// <summary>A duration such as 90s, 10m, 2h; held in seconds.</summary>
    Duration,
    /// <summary>A program's key: a whole number, a real number, true/false or text, as the YAML writes it.</summary>
    Any,
}

/// <summary>One key a sweep file may set: its dotted path, type, default, allowed names and range.</summary>
/// <param name="Check">Returns what is wrong with a parsed value, or null.</param>
public sealed record KeyDefinition(string Path, KeyKind Kind, object? Default, string Doc,
    IReadOnlyCollection<string>? Choices = null, Func<object, string?>? Check = null);
