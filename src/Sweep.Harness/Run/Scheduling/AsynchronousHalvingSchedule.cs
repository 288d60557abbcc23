using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>ASHA: each trial's end or pause at a rung lets the ledger (<see cref="AsyncHalving"/>) decide, in its
/// fixed order, who goes on and who stops; the workers take promotions before new configurations.</summary>
internal sealed class AsynchronousHalvingSchedule(HalvingOptions halving) : ISchedule
{
    public SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context)
    {
        var trialsOf = selected.GroupBy(SuccessiveHalving.ConfigurationOf).ToDictionary(g => g.Key, g => g.ToList());
        var ledger = new AsyncHalving(selected.Select(SuccessiveHalving.ConfigurationOf).Distinct().ToList(), halving);
        List<Work> Work(IEnumerable<AsyncHalving.Step> steps) => HalvingWork(steps, trialsOf, halving);
        context.Pool.Execute(Work(ledger.Start()), () => context.Cancel.IsCancellationRequested ? []
            : Work(ledger.Update((configuration, epoch) =>
                Arrival(trialsOf[configuration], epoch, context, halving))));
        return plan;
    }

    /// <summary>The workers' share of halving's steps: each step for every seed of its configuration, a cut with the
    /// reason it was cut.</summary>
    internal static List<Work> HalvingWork(IEnumerable<AsyncHalving.Step> steps,
        IReadOnlyDictionary<string, List<TrialPlan>> trialsOf, HalvingOptions options) => steps
        .SelectMany(step => trialsOf[step.Configuration].Select(t => new Work(t, step.Prune ? null : step.PauseAfter,
            step.Prune ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"asynchronous halving: not among the best {options.Keep:P0} of the configurations " +
                $"that reached epoch {step.Rung} by {options.Metric}") : null)))
        .ToList();

    /// <summary>Where a configuration stands at a rung, for the ledger: every seed paused at or past the epoch, or
    /// ended, with the mean metric there.</summary>
    internal static AsyncHalving.Arrival Arrival(IReadOnlyList<TrialPlan> trials, int epoch, ScheduleContext context,
        HalvingOptions options)
    {
        double sum = 0;
        bool missing = false, canGoOn = true;
        foreach (var trial in trials)
        {
            var status = context.Pool.StatusOf(trial);
            // Still training, or not begun.
            if (status is null && !(context.Pool.PausedAt(trial) >= epoch)) return AsyncHalving.Arrival.NotYet;
            // Ended trials go on only if they trained past this rung before (a resumed sweep replays its decisions).
            if (status is not null && !(status.IsFinal && status.EpochsRun > epoch)) canGoOn = false;
            if (context.MetricAt(trial, epoch, options.Metric) is double m && double.IsFinite(m)) sum += m;
            else missing = true;
        }
        double mean = sum / trials.Count;
        return new AsyncHalving.Arrival(true, missing ? null : options.Metric.Score(mean), canGoOn);
    }
}
