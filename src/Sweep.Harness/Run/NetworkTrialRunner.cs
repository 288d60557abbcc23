using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>Sweep's own networks: <see cref="TrialRunner"/> with each trial's prepared settings.</summary>
internal sealed class NetworkTrialRunner(TrialRunner runner, PreparedTrials trials) : ITrialRunner
{
    public RunningTrainers? Running => runner.Running;

    public TrialStatus? Run(TrialPlan trial, TrialFolder folder, CancellationToken cancel, int? pauseAfter,
        bool promoted) => runner.Run(trial, trials.SettingsOf(trial), folder, cancel, pauseAfter, promoted);

    public TrialStatus Prune(TrialPlan trial, TrialFolder folder, string why) =>
        runner.Prune(trial, trials.SettingsOf(trial), folder, why);
}
