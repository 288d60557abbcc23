using System.Globalization;
using System.Text;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;
using static Sweep.Harness.Report.Html;

namespace Sweep.Harness.Report;

/// <summary>
/// What `compare` shows of searches (`search:` or `random:`), whose configurations are drawn and so rarely meet in
/// two sweeps: how fast each found its best (their best-so-far histories overlaid), and what each searched (each
/// key's distribution and the range its trials drew).
/// </summary>
internal static class SearchComparison
{
    /// <summary>Whether any of the sweeps is a search: it drew its keys from distributions.</summary>
    public static bool Any(IReadOnlyList<SweepResults> sweeps) => sweeps.Any(s => s.Distributions.Count > 0);

    /// <summary>Each sweep's best so far, trial by trial, on one axis: the sweeps that select on the baseline's
    /// metric (a loss and an accuracy share no axis; the page names the others).</summary>
    public static XyChart BestSoFar(IReadOnlyList<string> names, IReadOnlyList<SweepResults> sweeps)
    {
        var selection = sweeps[0].Selection;
        var series = sweeps.Select((s, i) => (s, i)).Where(x => x.s.Selection.Name == selection.Name)
            .Select(x => new Series(names[x.i], Palette.Category(x.i), SweepCharts.BestSoFarSteps(x.s.Trials,
            selection), LegendOrder: x.i)).ToList();
        return new XyChart($"Best {selection.Label} so far, trial by trial, in each sweep", "best-so-far",
            new Axis("trial (plan order)", Whole: true),
            new Axis(selection.Label, Max: selection.HigherIsBetter ? 1 : null), series);
    }

    /// <summary>The sweeps left off <see cref="BestSoFar"/>: those selecting on another metric.</summary>
    public static IReadOnlyList<string> OffTheChart(IReadOnlyList<string> names, IReadOnlyList<SweepResults> sweeps) =>
        names.Where((_, i) => sweeps[i].Selection.Name != sweeps[0].Selection.Name).ToList();

    /// <summary>A table of the keys any sweep searched: per sweep, how the key was drawn and the range (or the
    /// values) its trials drew; a key a sweep fixes shows its value there.</summary>
    public static void SearchedKeys(StringBuilder page, IReadOnlyList<string> names,
        IReadOnlyList<SweepResults> sweeps)
    {
        var keys = sweeps.SelectMany(s => s.Distributions.Keys).Distinct().ToList();
        page.Append("<h2>What each search drew</h2>\n<p class=\"meta\">Each key's distribution and the range its " +
            "trials drew (trials that did not draw a conditional key left out); a key a sweep does not search shows " +
            "the value it fixes.</p>\n");
        Table(page, "searched-keys", ["key", .. names], keys.Select(key =>
            (IReadOnlyList<Cell>)[Cell.Text(key), .. sweeps.Select(s => Cell.Text(Drawn(s, key)))]));
    }

    /// <summary>"loguniform: 0.0001–0.29 (30 trials)", "choice: adam, sgd (30 trials)", or a fixed value.</summary>
    private static string Drawn(SweepResults sweep, string key)
    {
        var drew = sweep.Trials.Where(t => t.Values.ContainsKey(key) && sweep.Drew(t.Values, key))
            .Select(t => t.Values[key]).ToList();
        if (!sweep.Distributions.TryGetValue(key, out var distribution))
        {
            var fixedValues = sweep.Trials.Select(t => t.Settings.GetValueOrDefault(key)).OfType<string>().Distinct()
                .ToList();
            return fixedValues.Count == 1 ? $"fixed: {fixedValues[0]}" : fixedValues.Count == 0 ? "–"
                : "varied: " + string.Join(", ", fixedValues);
        }
        string trials = $" ({drew.Count} trial{(drew.Count == 1 ? "" : "s")})";
        var numbers = drew.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture,
            out double d) ? d : (double?)null).ToList();
        if (drew.Count > 0 && distribution != "choice" && numbers.All(n => n is not null))
            return $"{distribution}: {ScottPlotRenderer.Number(numbers.Min()!.Value)}–" +
                $"{ScottPlotRenderer.Number(numbers.Max()!.Value)}{trials}";
        return $"{distribution}: {string.Join(", ", drew.Distinct().Order(StringComparer.Ordinal))}{trials}";
    }
}
