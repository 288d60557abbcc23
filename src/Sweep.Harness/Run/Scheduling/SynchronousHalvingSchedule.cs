using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>Successive halving, rung by rung: every configuration trains to the rung, a barrier, and the weaker
/// ones are cut (<see cref="SuccessiveHalving"/>); the survivors of the last rung train to the end.</summary>
internal sealed class SynchronousHalvingSchedule(HalvingOptions halving) : ISchedule
{
    public SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context)
    {
        var pool = context.Pool;
        IReadOnlyList<TrialPlan> alive = selected;
        foreach (int rung in halving.Rungs)
        {
            pool.Execute(alive, pauseAfter: rung);
            if (context.Cancel.IsCancellationRequested) return plan;
            var survivors = SuccessiveHalving.Survivors(alive, rung, halving,
                (t, epoch) => context.MetricAt(t, epoch, halving.Metric));
            // The workers end the cut trials, as they do asynchronous halving's: in parallel, each under its lock.
            string why = FormattableString.Invariant($"successive halving: not among the best {halving.Keep:P0} ") +
                FormattableString.Invariant($"of configurations by {halving.Metric} at epoch {rung}");
            var cuts = alive.Except(survivors).Where(pool.IsPaused).Select(cut => new Work(cut, null, why)).ToList();
            pool.Execute(cuts, more: null);
            alive = survivors;
        }
        if (!context.Cancel.IsCancellationRequested) pool.Execute(alive, pauseAfter: null);
        return plan;
    }
}
