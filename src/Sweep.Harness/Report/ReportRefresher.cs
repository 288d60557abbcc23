using System.Diagnostics;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// Passes progress on to another reporter and keeps report.html up to date while the sweep runs, so the page can
/// be opened during the night. Rebuilds happen off the worker threads, at most every <see cref="MinInterval"/> and
/// never sooner than <see cref="CostShare"/> times the last rebuild's duration (finishing trials only mark the page
/// stale): every core is already training, so the page may take at most a twentieth of one of them. (A longer
/// first interval was measured with scripts/bench-parallel: the first build compiles the chart library, about a
/// second of a core, and a sweep that skipped it paid the same at its end: no wall time gained at --parallel 2, a
/// second lost at --parallel 1, where the build had a free core.) A report that fails to build is a warning, never
/// a reason to stop the sweep.
/// </summary>
/// <param name="minInterval">The least time between rebuilds, and before the first; <see cref="MinInterval"/>
/// unless a test says otherwise.</param>
public sealed class ReportRefresher(IRunReporter inner, string resultsDir, ReportOptions options, TextWriter warnings,
    TimeSpan? minInterval = null) : IRunReporter
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);
    private const int CostShare = 20;

    private readonly object _buildGate = new(), _scheduleGate = new();
    private readonly Stopwatch _sinceBuild = Stopwatch.StartNew();
    private readonly long _minIntervalTicks = (minInterval ?? MinInterval).Ticks;
    // Written by the rebuild, read by workers finishing trials.
    private long _intervalTicks = (minInterval ?? MinInterval).Ticks;
    private bool _scheduled, _finished;

    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel) =>
        inner.SweepStarted(toRun, alreadyComplete, parallel);
    public void TrialsProposed(IReadOnlyList<TrialPlan> trials) => inner.TrialsProposed(trials);
    public void TrialStarted(TrialPlan trial, int resumedFromEpoch) => inner.TrialStarted(trial, resumedFromEpoch);
    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs) => inner.EpochFinished(trial, row, epochs);
    public void TrialSkipped(TrialPlan trial, string why) => inner.TrialSkipped(trial, why);

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        inner.TrialFinished(trial, status);
        lock (_scheduleGate)
        {
            if (_scheduled) return; // a rebuild is already coming and will see this trial
            _scheduled = true;
        }
        var wait = TimeSpan.FromTicks(Volatile.Read(ref _intervalTicks)) - _sinceBuild.Elapsed;
        Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero).ContinueWith(_ =>
        {
            lock (_scheduleGate) _scheduled = false;
            Build(final: false);
        }, TaskScheduler.Default);
    }

    /// <summary>The last rebuild, once the sweep has stopped (waiting for one in progress); later scheduled rebuilds
    /// do nothing, so none is cut off half-way when the process exits.</summary>
    /// <returns>The page's path, or null when it could not be built (the warning says why).</returns>
    public string? Complete() => Build(final: true);

    private string? Build(bool final)
    {
        lock (_buildGate)
        {
            if (_finished) return null;
            _finished = final;
            var started = Stopwatch.GetTimestamp();
            // The last page, which the user waits for, is drawn on every core; the refreshes beside training on one.
            try
            {
                return ReportBuilder.Build(resultsDir,
                    final ? options with { Threads = Environment.ProcessorCount } : options);
            }
            catch (Exception e)
                when (e is ReportException or IOException or UnauthorizedAccessException or FormatException)
            {
                warnings.WriteLine($"warning: report.html not updated: {e.Message}");
                return null;
            }
            finally
            {
                var took = Stopwatch.GetElapsedTime(started);
                Volatile.Write(ref _intervalTicks, Math.Max(took.Ticks * CostShare, _minIntervalTicks));
                _sinceBuild.Restart();
            }
        }
    }
}
