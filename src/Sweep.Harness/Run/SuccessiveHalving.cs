using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run;

/// <summary>
/// Which configurations survive a successive-halving rung: a pure function of the trials' metrics at that epoch,
/// so a resumed or re-run sweep cuts exactly the same trials, however many ran in parallel.
/// </summary>
public static class SuccessiveHalving
{
    /// <param name="candidates">The trials that reached this rung's competition, in plan order.</param>
    /// <param name="metricAt">A trial's validation metric at the given epoch, or null if it has none (it failed or
    /// diverged before): such a configuration ranks last.</param>
    /// <returns>The surviving trials in plan order. Seeds of one configuration survive or fall together, ranked by
    /// their mean; ties go to the configuration earlier in the plan.</returns>
    public static IReadOnlyList<TrialPlan> Survivors(IReadOnlyList<TrialPlan> candidates, int rung,
        HalvingOptions options, Func<TrialPlan, int, double?> metricAt)
    {
        var configurations = candidates.GroupBy(ConfigurationOf).ToList();
        int keep = Math.Max(1, (int)Math.Ceiling(configurations.Count * options.Keep));
        var ranked = configurations
            .Select((g, order) => (Trials: g.ToList(), Order: order, Score: Score(g, rung, options, metricAt)))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Order)
            .Take(keep)
            .SelectMany(c => c.Trials)
            .ToHashSet();
        return candidates.Where(ranked.Contains).ToList();
    }

    /// <summary>Higher is better: the mean accuracy, or the negated mean loss.</summary>
    private static double Score(IEnumerable<TrialPlan> seeds, int rung, HalvingOptions options,
        Func<TrialPlan, int, double?> metricAt)
    {
        var values = seeds.Select(t => metricAt(t, rung)).ToList();
        if (values.Any(v => v is null || !double.IsFinite(v.Value))) return double.NegativeInfinity;
        double mean = values.Average(v => v!.Value);
        return options.Metric.Score(mean);
    }

    /// <summary>The configuration a trial belongs to: its varying values but the seed.</summary>
    public static string ConfigurationOf(TrialPlan trial) =>
        string.Join('\u001f', trial.Varying.Where(kv => kv.Key != "seed").Select(kv => kv.Value));
}
