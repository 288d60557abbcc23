using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report.Importance;

/// <summary>How much one varying key matters: the share of the selection metric's variance its main effect explains
/// (mean and sd over the forest's trees), and that share normalised so that the keys' shares add up to 1.</summary>
public sealed record KeyImportance(string Key, double Share, double Sd, double Normalised)
{
    /// <summary>Fewer configurations than this leave too little for a forest to learn from: no importances.</summary>
    public const int MinConfigurations = 8;

    /// <summary>The most configurations the forest is grown on: a search of thousands is fitted on this many, drawn
    /// at random with a fixed seed (growing 64 trees on every one of 10,000 took minutes, and each live refresh of the
    /// page paid it again); the shares it estimates barely move past a few hundred.</summary>
    public const int MaxConfigurations = 1000;

    /// <summary>A list of at most this many distinct numbers is a grid's list of values, weighted equally; more are
    /// a range searched, uniform between the smallest and the largest on the key's scale.</summary>
    private const int MaxPoints = 12;

    /// <summary>fANOVA over a random forest of the configurations' mean selection metric, one feature per key:
    /// numbers on their scale (the logarithm where they span a decade or more), other values (widths, names) as
    /// categories ordered by their mean metric, so that a tree's threshold split is the best split into two sets.
    /// Null with fewer than <see cref="MinConfigurations"/> configurations that have a metric.</summary>
    public static IReadOnlyList<KeyImportance>? Of(IReadOnlyList<ConfigurationSummary> configurations,
        IReadOnlyList<string> keys)
    {
        var rows = configurations
            .Where(c => c.Selected.Mean is double m && double.IsFinite(m) && keys.All(c.Values.ContainsKey)).ToList();
        if (rows.Count < MinConfigurations || keys.Count == 0) return null;
        if (rows.Count > MaxConfigurations) rows = Subsample(rows);
        var y = rows.Select(c => c.Selected.Mean!.Value).ToArray();
        var x = rows.Select(_ => new double[keys.Count]).ToArray();
        var domains = new List<FeatureDomain>();
        for (int f = 0; f < keys.Count; f++)
        {
            var values = rows.Select(c => c.Values[keys[f]]).ToList();
            var scale = new ParameterScale(keys[f], values);
            Func<string, double> encode;
            if (scale.IsNumeric)
                encode = v => scale.Scale == AxisScale.Log ? Math.Log(scale.Position(v)) : scale.Position(v);
            else
            {
                string key = keys[f];
                var order = values.Distinct()
                    .OrderBy(v => rows.Where(c => c.Values[key] == v).Average(c => c.Selected.Mean!.Value))
                    .ThenBy(v => v, StringComparer.Ordinal).ToList();
                encode = v => order.IndexOf(v);
            }
            for (int r = 0; r < rows.Count; r++) x[r][f] = encode(values[r]);
            var distinct = values.Distinct().Select(encode).Order().ToList();
            domains.Add(scale.IsNumeric && distinct.Count > MaxPoints
                ? new FeatureDomain(distinct[0], distinct[^1], null)
                : new FeatureDomain(distinct[0], distinct[^1], distinct));
        }
        var shares = Fanova.MainEffectShares(RegressionForest.Grow(x, y), domains);
        if (shares.Count == 0) return null;
        var means = Enumerable.Range(0, keys.Count).Select(f => shares.Average(s => s[f])).ToList();
        double total = means.Sum();
        return keys.Select((k, f) =>
        {
            double squares = shares.Sum(s => (s[f] - means[f]) * (s[f] - means[f]));
            double sd = Math.Sqrt(squares / Math.Max(1, shares.Count - 1));
            return new KeyImportance(k, means[f], sd, total > 0 ? means[f] / total : 0);
        }).OrderByDescending(i => i.Share).ThenBy(i => keys.ToList().IndexOf(i.Key)).ToList();
    }

    /// <summary><see cref="MaxConfigurations"/> of the rows, drawn with a fixed seed and kept in their order: the
    /// same results give the same importances.</summary>
    private static List<ConfigurationSummary> Subsample(List<ConfigurationSummary> rows)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        new Sweep.Core.Randomness.RandomSource(1).Shuffle(order);
        return order.Take(MaxConfigurations).Order().Select(i => rows[i]).ToList();
    }
}
