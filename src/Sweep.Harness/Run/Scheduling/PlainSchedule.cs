using Sweep.Harness.Plan;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>Every selected trial to its end: a grid, a list, a random search.</summary>
internal sealed class PlainSchedule : ISchedule
{
    public SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context)
    {
        context.Pool.Execute(selected, pauseAfter: null);
        return plan;
    }
}
