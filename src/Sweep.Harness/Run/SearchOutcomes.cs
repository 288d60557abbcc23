using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>What a trial's status says to a search: ended or not, and the metric it optimises.</summary>
public static class SearchOutcomes
{
    /// <summary>Completed and pruned trials ended with their tested epoch's validation metric; a diverged, failed or
    /// timed-out trial ended without one (the search counts it among the bad); an interrupted trial, or one not run
    /// yet, has not ended.</summary>
    public static TrialOutcome Of(TrialStatus? status, ValidationMetric metric) => status?.Status switch
    {
        TrialState.Completed or TrialState.Pruned =>
            new TrialOutcome(true, metric.Of(status)),
        TrialState.Diverged or TrialState.Failed or TrialState.TimedOut => new TrialOutcome(true, null),
        _ => TrialOutcome.Pending,
    };

    /// <summary>A model-based search's plan as far as the results folder lets it go: its later batches exist only once
    /// earlier results do. Any other plan as it is.</summary>
    public static SweepPlan FromFolder(SweepPlan plan, ResultsLayout layout)
    {
        if (plan.Spec.Search is not { IsModelBased: true } search) return plan;
        var metric = search.MetricOr(plan.Spec.Select);
        return SearchPlanner.Plan(plan.Spec, t => Of(TrialStatus.Load(layout.Trial(t.Id).Status), metric),
            fidelity: plan.Spec.Halving is { } halving ? SearchHalving.Fidelity(plan.Spec, halving, layout) : null);
    }
}
