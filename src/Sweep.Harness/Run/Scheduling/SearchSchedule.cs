using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>A model-based search: each trial's end may let the search propose its next batch
/// (<see cref="SearchPlanner"/>), which the workers take up at once.</summary>
internal sealed class SearchSchedule(SearchOptions search) : ISchedule
{
    public SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context)
    {
        var metric = search.MetricOr(plan.Spec.Select);
        var made = new List<IReadOnlyDictionary<string, object>>();
        context.Pool.Execute(selected, pauseAfter: null, more: () => context.Cancel.IsCancellationRequested ? []
            : context.Grow(SearchPlanner.Plan(plan.Spec,
                t => SearchOutcomes.Of(context.Pool.StatusOf(t), metric), made)));
        return context.Plan;
    }
}
