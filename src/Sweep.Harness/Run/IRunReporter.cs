using Sweep.Harness.Results;
namespace Sweep.Harness.Run;

/// <summary>Where progress goes while a sweep runs: a live terminal view, or plain lines for logs and CI.</summary>
public interface IRunReporter
{
    /// <param name="toRun">The trials this run will train (finished ones left out), in plan order.</param>
    /// <param name="alreadyComplete">Trials of the selection finished by an earlier run.</param>
    void SweepStarted(IReadOnlyList<Plan.TrialPlan> toRun, int alreadyComplete, int parallel);
    /// <summary>A search proposed more trials from the results so far: they join the sweep.</summary>
    void TrialsProposed(IReadOnlyList<Plan.TrialPlan> trials);
    /// <param name="promoted">Halving let it go on from the rung it paused at in this run (not a resume after a
    /// kill).</param>
    void TrialStarted(Plan.TrialPlan trial, int resumedFromEpoch, bool promoted = false);
    void EpochFinished(Plan.TrialPlan trial, EpochRow row, int epochs);
    void TrialFinished(Plan.TrialPlan trial, TrialStatus status);
    void TrialSkipped(Plan.TrialPlan trial, string why);

    /// <summary>A worker with no trial of its own starts (true) or stops (false) lending its core to a running trial
    /// (<see cref="RunningTrainers"/>). The core is then spoken for, though while it waits to be taken its thread
    /// sleeps and the process's processor time does not show it.</summary>
    void WorkerLending(bool lending) { }
}
