namespace Sweep.Harness.Spec;

/// <summary>Where a value came from: a file position, or a command-line override (Line 0).</summary>
public sealed record SpecSource(string File, int Line, int Column)
{
    public static SpecSource CommandLine { get; } = new("command line", 0, 0);
}

/// <summary>
/// A typed value of one key: int, double, bool, string, or int[] (layer sizes). Canonical text is what trial ids
/// hash and what tables show, the same on every machine and culture.
/// </summary>
public sealed record SpecValue(object Value, SpecSource Source)
{
    public string Canonical => Format(Value);

    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        int[] list => "[" + string.Join(",", list) + "]",
        string[] list => "[" + string.Join(",", list) + "]",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
