namespace Sweep.Harness.Results;

/// <summary>Groups a sweep's trials into configurations (same values for every varying key but the seed) and
/// ranks them by the mean of the selection metric over seeds (a validation metric; <see cref="Selection"/>).</summary>
public static class Aggregation
{
    public static IReadOnlyList<ConfigurationSummary> ByConfiguration(SweepResults results)
    {
        var keys = results.ConfigurationKeys;
        var selection = results.Selection;
        // plan order kept
        var groups = results.Trials.GroupBy(t => string.Join('\u001f', keys.Select(k => t.Values[k]))).ToList();
        var unranked = groups.Select(g =>
        {
            var trials = g.ToList();
            var values = keys.ToDictionary(k => k, k => trials[0].Values[k]);
            string label = keys.Count == 0 ? results.Name : results.Label(values, keys);
            return new ConfigurationSummary(0, label, values, trials,
                Statistic.Of(trials.Select(selection.Of)), Statistic.Of(trials.Select(t => t.ValidationAccuracy)),
                Statistic.Of(trials.Select(t => t.TestAccuracy)),
                Statistic.Of(trials.Select(t => t.BestValidationAccuracy)),
                Statistic.Of(trials.Select(t => t.TestLoss)),
                Statistic.Of(trials.Where(t => t.Epochs > 0).Select(t => (double?)t.TrainSeconds)));
        }).ToList();
        // Best first; configurations without a score last. OrderBy is stable: equal scores keep plan order.
        double Key(ConfigurationSummary c) => c.Score is double s ? selection.HigherIsBetter ? -s : s
            : double.PositiveInfinity;
        return unranked.OrderBy(Key).Select((c, i) => c with { Rank = i + 1 }).ToList();
    }
}
