using Sweep.Harness.Report.Importance;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// What kind of study a sweep is, read from its results: a grid (a few values per key, combined) or a search (each
/// configuration its own values: random draws, or a model-based sampler's proposals), and which keys matter most:
/// by their fANOVA importance (<see cref="KeyImportance"/>) when there are enough configurations, otherwise by how far
/// apart the mean selection metric of their values lie (the spread of the marginal means).
/// </summary>
public sealed record StudyShape(bool IsSearch, IReadOnlyList<string> Important,
    IReadOnlyList<KeyImportance>? Importance)
{
    public static StudyShape Of(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations)
    {
        var keys = results.ConfigurationKeys.Where(k => k != Plan.Expansion.VariantKey
            || results.ConfigurationKeys.Count == 1).ToList();
        int n = configurations.Count;
        // A grid has (about, less its exclusions) one configuration per combination of its keys' values; a search draws
        // new values for each configuration, so its keys' values combine into far more combinations than it ran.
        double combinations = keys.Aggregate(1.0,
            (p, k) => p * configurations.Select(c => c.Values[k]).Distinct().Count());
        bool search = keys.Count >= 2 && combinations >= 2.0 * n;
        var selection = results.Selection;
        double Spread(string k)
        {
            var means = configurations.GroupBy(c => c.Values[k])
                .Select(g => Statistic.Of(g.SelectMany(c => c.Trials).Select(selection.Of)).Mean).OfType<double>()
                .ToList();
            return means.Count < 2 ? 0 : means.Max() - means.Min();
        }
        // A conditional key has no value where it was not drawn (the trial keeps its default): the variance it would be
        // credited with belongs to the key it depends on, so it is left out of the decomposition.
        var importance = KeyImportance.Of(configurations, keys.Where(k => !results.Conditions.ContainsKey(k))
            .ToList());
        var important = importance?.Select(i => i.Key).ToList()
            ?? keys.OrderByDescending(Spread).ThenBy(k => keys.IndexOf(k)).ToList();
        return new StudyShape(search, important, importance);
    }
}
