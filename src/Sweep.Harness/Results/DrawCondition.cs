using System.Globalization;

namespace Sweep.Harness.Results;

/// <summary>
/// A search key's `when:`, as effective.yaml records it: the key is drawn only in configurations whose other keys
/// take one of the listed values (`optimizer.momentum` only where `optimizer.name` is momentum). Where it is not
/// drawn a trial keeps the default, which the report must not show as if it had been tried.
/// </summary>
/// <param name="Values">For each key the condition names, its values as text; a list value is written as
/// plan.csv writes it ("[128,64]").</param>
public sealed record DrawCondition(IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    /// <summary>Whether a configuration with these values drew the key. A key the condition names but the
    /// configuration does not record (it did not vary) counts as matching: better shown than hidden.</summary>
    public bool HoldsFor(IReadOnlyDictionary<string, string> values) =>
        Values.All(c => !values.TryGetValue(c.Key, out var value) || c.Value.Any(v => Same(v, value)));

    /// <summary>The same value written two ways: "0.5" and "5E-01", "[128, 64]" and "[128,64]".</summary>
    private static bool Same(string a, string b) =>
        double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
        && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
            ? x == y
            : string.Equals(Compact(a), Compact(b), StringComparison.Ordinal);

    private static string Compact(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The condition in words, for a chart's title: "optimizer.name = momentum".</summary>
    public override string ToString() =>
        string.Join(", ", Values.Select(c => $"{c.Key} = {string.Join(" or ", c.Value)}"));
}
