namespace Sweep.Harness.Spec;

/// <summary>The nearest known name to a misspelt one, by edit distance, when it is near enough to be a typo.</summary>
internal static class DidYouMean
{
    public static string Suggest(string wrong, IEnumerable<string> known)
    {
        var best = known.Select(k => (Name: k, Distance: Distance(wrong, k))).OrderBy(p => p.Distance).ThenBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, wrong.Length / 3) ? $" Did you mean '{best.Name}'?" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
