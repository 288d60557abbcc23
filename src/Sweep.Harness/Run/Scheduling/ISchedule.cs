using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>
/// One way of deciding what the workers train, and how far: everything to the end, rung by rung with cuts
/// (synchronous halving), promotions as trials arrive at rungs (asynchronous halving), or proposals from results
/// (a model-based search, alone or under asynchronous halving). Each is a class; the runner calls the one the sweep
/// asks for, between opening the results folder and concluding.
/// </summary>
internal interface ISchedule
{
    /// <summary>Trains <paramref name="selected"/> (the plan's trials this process runs) as this schedule decides.
    /// </summary>
    /// <returns>The plan as far as it got: a search's grows as it proposes.</returns>
    SweepPlan Run(SweepPlan plan, IReadOnlyList<TrialPlan> selected, ScheduleContext context);
}

/// <summary>Which schedule a sweep asks for.</summary>
internal static class Schedules
{
    public static ISchedule For(SweepSpec spec) => (spec.Search, spec.Halving) switch
    {
        ({ IsModelBased: true } search, { } halving) => new SearchWithHalvingSchedule(search, halving),
        ({ IsModelBased: true } search, null) => new SearchSchedule(search),
        (_, { Asynchronous: true } halving) => new AsynchronousHalvingSchedule(halving),
        (_, { } halving) => new SynchronousHalvingSchedule(halving),
        _ => new PlainSchedule(),
    };
}
