using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

/// <summary>A silent reporter that lets a test act at a given moment of a run: after an epoch or a trial, or on a
/// skip.</summary>
internal sealed class HookedReporter(Action<TrialPlan, EpochRow>? epochFinished = null,
    Action<TrialPlan>? skipped = null, Action<TrialPlan>? trialFinished = null) : IRunReporter
{
    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel) { }
    public void TrialsProposed(IReadOnlyList<TrialPlan> trials) { }
    public void TrialStarted(TrialPlan trial, int resumedFromEpoch, bool promoted = false) { }
    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs) => epochFinished?.Invoke(trial, row);
    public void TrialFinished(TrialPlan trial, TrialStatus status) => trialFinished?.Invoke(trial);
    public void TrialSkipped(TrialPlan trial, string why) => skipped?.Invoke(trial);
}
