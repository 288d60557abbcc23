using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>A model-based search under asynchronous halving (BOHB's pairing): each trial's end or pause lets the
/// ledger promote and prune, and may let the search propose its next batch from the metrics at the rungs
/// (<see cref="SearchHalving"/>); new configurations join the ledger in plan order.</summary>
internal sealed class SearchWithHalvingSchedule(SearchOptions search, HalvingOptions halving) : ISchedule
{
    public SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context)
    {
        var metric = search.MetricOr(plan.Spec.Select);
        var fidelity = SearchHalving.Fidelity(plan.Spec, halving, context.Layout);
        var made = new List<IReadOnlyDictionary<string, object>>();
        var learned = new List<int?>();
        var trialsOf = new Dictionary<string, List<TrialPlan>>();
        var ledger = new AsyncHalving([], halving, complete: false);
        int seeds = plan.Spec.Seeds.Count;
        List<Work> Work(IEnumerable<AsyncHalving.Step> steps) =>
            AsynchronousHalvingSchedule.HalvingWork(steps, trialsOf, halving);
        IEnumerable<AsyncHalving.Step> Join(SweepPlan grown)
        {
            var fresh = SearchHalving.Configurations(grown).Where(c => !trialsOf.ContainsKey(c.Key)).ToList();
            foreach (var (key, trials) in fresh) trialsOf[key] = trials;
            var steps = ledger.Add(fresh.Select(c => (c.Key, SearchHalving.ProposalIndex(c.Trials[0], seeds))))
                .ToList();
            if (grown.Search is { Complete: true }) ledger.Complete();
            return steps;
        }
        AsyncHalving.Arrival ArrivalOf(string configuration, int epoch) =>
            AsynchronousHalvingSchedule.Arrival(trialsOf[configuration], epoch, context, halving);

        // The search as far as the folder's files let it go (all of it, when a finished sweep runs again).
        void GrowSearch() => context.Grow(SearchPlanner.Plan(plan.Spec,
            t => SearchOutcomes.Of(context.Pool.StatusOf(t), metric), made, fidelity, learned));
        GrowSearch();
        context.Pool.Execute(Work(Join(context.Plan)), () =>
        {
            if (context.Cancel.IsCancellationRequested) return [];
            // Promotions before new configurations: the ledger's decisions, then the search's next batch.
            var steps = ledger.Update(ArrivalOf);
            GrowSearch();
            steps.AddRange(Join(context.Plan));
            // A configuration that joined may close a rung at once (the search's last): decide again.
            steps.AddRange(ledger.Update(ArrivalOf));
            return Work(steps);
        });
        return context.Plan;
    }
}
