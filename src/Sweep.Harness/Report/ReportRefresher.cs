using Sweep.Harness.Plan;
using Sweep.Harness.Run;

namespace Sweep.Harness.Report;

/// <summary>
/// Passes progress on to another reporter and rebuilds report.html each time a trial finishes, so the page can be
/// opened during the night. A report that fails to build is a warning, never a reason to stop the sweep.
/// </summary>
public sealed class ReportRefresher(IRunReporter inner, string resultsDir, ReportOptions options, TextWriter warnings) : IRunReporter
{
    private readonly object _gate = new();

    public void SweepStarted(IReadOnlyList<TrialPlan> trials, int alreadyComplete, int parallel) => inner.SweepStarted(trials, alreadyComplete, parallel);
    public void TrialStarted(TrialPlan trial, int resumedFromEpoch) => inner.TrialStarted(trial, resumedFromEpoch);
    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs) => inner.EpochFinished(trial, row, epochs);
    public void TrialSkipped(TrialPlan trial, string why) => inner.TrialSkipped(trial, why);

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        inner.TrialFinished(trial, status);
        Refresh();
    }

    /// <returns>The page's path, or null when it could not be built (the warning says why).</returns>
    public string? Refresh()
    {
        lock (_gate)
        {
            try { return ReportBuilder.Build(resultsDir, options); }
            catch (Exception e) when (e is ReportException or IOException or UnauthorizedAccessException or FormatException)
            {
                warnings.WriteLine($"warning: report.html not updated: {e.Message}");
                return null;
            }
        }
    }
}
