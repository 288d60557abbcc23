using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweep.Harness.Spec;

/// <summary>
/// Checks a sweep file's text before any tree is built from it: not binary, not huge, no anchors or aliases
/// (a few lines of aliases can stand for billions of nodes), no nesting deeper than a sweep needs. The event
/// parser is a state machine, so even hostile input cannot exhaust the stack here.
/// </summary>
internal static class YamlSafety
{
    public const int MaxBytes = Limits.MaxSweepFileBytes;
    public const int MaxDepth = 16;

    /// <summary>Null when the text may be loaded, else the problem (with its position when it has one).</summary>
    public static SpecProblem? Check(string file, string text)
    {
        if (text.Contains('\0'))
            return new SpecProblem(file, 0, 0, "",
                "looks like a binary file, not YAML. Give the path of a sweep .yaml file.");
        if (text.Length > MaxBytes)
            return new SpecProblem(file, 0, 0, "",
                $"is {text.Length:N0} characters; a sweep file is at most {MaxBytes:N0}. Is this the right file?");
        var parser = new Parser(new StringReader(text));
        int depth = 0;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                if (e is AnchorAlias || e is NodeEvent { Anchor.IsEmpty: false })
                    return At(file, e.Start,
                        "YAML anchors and aliases (&name, *name) are not supported in sweep files; write the values " +
                        "out, or use extends: for a shared base.");
                if (e is MappingStart or SequenceStart && ++depth > MaxDepth)
                    return At(file, e.Start, $"nested more than {MaxDepth} levels deep; a sweep file needs a handful.");
                if (e is MappingEnd or SequenceEnd) depth--;
            }
        }
        catch (YamlException y)
        {
            return At(file, y.Start, "YAML syntax error: " + Clean(y.Message));
        }
        return null;
    }

    private static SpecProblem At(string file, Mark mark, string message) =>
        new(file, (int)mark.Line, (int)mark.Column, "", message);

    /// <summary>YamlDotNet repeats the position in its messages; the problem already carries it.</summary>
    private static string Clean(string message)
    {
        int close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
