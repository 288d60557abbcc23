using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>
/// How the pool's workers run a trial: one of Sweep's own networks (<see cref="NetworkTrialRunner"/>, on the
/// worker's thread) or a run of the user's program (<see cref="Programs.ProgramTrialRunner"/>, a process the worker
/// waits on). Either writes the trial's metrics.csv as epochs end and its status.json when it ends.
/// </summary>
internal interface ITrialRunner
{
    /// <param name="pauseAfter">Stop once this many epochs are done (a successive-halving rung) and return null: the
    /// trial has not ended. Null trains to the end.</param>
    /// <param name="promoted">It paused at a rung in this run and goes on.</param>
    /// <returns>How the trial ended; null when it paused at <paramref name="pauseAfter"/>.</returns>
    TrialStatus? Run(TrialPlan trial, TrialFolder folder, CancellationToken cancel, int? pauseAfter, bool promoted);

    /// <summary>Ends a trial that halving cut where it paused, with status pruned and the reason.</summary>
    TrialStatus Prune(TrialPlan trial, TrialFolder folder, string why);

    /// <summary>The trials that can use a core an idle worker lends (null: these trials cannot).</summary>
    RunningTrainers? Running { get; }
}
