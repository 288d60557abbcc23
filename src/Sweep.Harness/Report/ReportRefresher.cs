using System.Diagnostics;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// Passes progress on to another reporter and keeps report.html up to date while the sweep runs, so the page can
/// be opened during the night. Rebuilds happen off the worker threads, at most every 2 s (the minimum interval of
/// <see cref="RefreshTiming.Default"/>) and never sooner than <see cref="CostShare"/> times the last rebuild's
/// duration (finishing trials only mark the page stale): while every core is training, the page may take at most a
/// twentieth of one of them.
/// <para>
/// While every core is training, a due rebuild also waits, up to 30 s (its busy wait), for one to fall idle (the
/// tail of a grid, a search deciding what to train next). The first build compiles the chart library, about a second
/// of a core; on a busy machine that second is taken from a trial, and a short grid pays it in wall time
/// (scripts/bench-parallel). Drawn in the tail instead, it costs nothing. Deferring it to the end gains nothing: the
/// final page then compiles it, on the user's time. A core lent to a running trial is not idle: a rebuild beside the
/// trial's lent epochs makes its guard give the core back (figures in docs/performance.md).
/// </para>
/// A report that fails to build is a warning, never a reason to stop the sweep.
/// </summary>
/// <param name="timing">When rebuilds may happen; <see cref="RefreshTiming.Default"/> unless a test says
/// otherwise.</param>
public sealed class ReportRefresher(IRunReporter inner, string resultsDir, ReportOptions options, TextWriter warnings,
    RefreshTiming? timing = null) : IRunReporter
{
    private const int CostShare = 20;

    private readonly RefreshTiming _timing = timing ?? RefreshTiming.Default;
    private readonly object _buildGate = new(), _scheduleGate = new();
    private readonly Stopwatch _sinceBuild = Stopwatch.StartNew();
    // Written by the rebuild, read by workers finishing trials.
    private long _intervalTicks = (timing ?? RefreshTiming.Default).MinInterval.Ticks;
    private bool _scheduled, _finished;

    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel) =>
        inner.SweepStarted(toRun, alreadyComplete, parallel);
    public void TrialsProposed(IReadOnlyList<TrialPlan> trials) => inner.TrialsProposed(trials);
    public void TrialStarted(TrialPlan trial, int resumedFromEpoch, bool promoted = false) =>
        inner.TrialStarted(trial, resumedFromEpoch, promoted);
    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs) => inner.EpochFinished(trial, row, epochs);
    public void TrialSkipped(TrialPlan trial, string why) => inner.TrialSkipped(trial, why);

    // Workers lending their core to a running trial: that core is not idle, whatever the processor time says.
    private int _lending;

    public void WorkerLending(bool lending)
    {
        Interlocked.Add(ref _lending, lending ? 1 : -1);
        inner.WorkerLending(lending);
    }

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        inner.TrialFinished(trial, status);
        lock (_scheduleGate)
        {
            if (_scheduled) return; // a rebuild is already coming and will see this trial
            _scheduled = true;
        }
        Task.Run(RebuildWhenDue);
    }

    private async Task RebuildWhenDue()
    {
        var wait = TimeSpan.FromTicks(Volatile.Read(ref _intervalTicks)) - _sinceBuild.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        var deadline = _sinceBuild.Elapsed + _timing.BusyWait;
        bool due = false;
        while (!due && !Volatile.Read(ref _finished))
            due = _sinceBuild.Elapsed >= deadline || await CoreIdle();
        lock (_scheduleGate) _scheduled = false;
        Build(final: false);
    }

    /// <summary>Whether a core was idle: none lent to a trial before or after the look. A rebuild beside a lent core
    /// would take its place, and the trial it helps would give it back for a few epochs.</summary>
    private async Task<bool> CoreIdle()
    {
        bool lentBefore = Volatile.Read(ref _lending) > 0;
        bool idle = await _timing.CoreIdle();
        return idle && !lentBefore && Volatile.Read(ref _lending) == 0;
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
            catch (Exception e) when (e is ReportException or ResultsFolderException or IOException
                or UnauthorizedAccessException or FormatException)
            {
                warnings.WriteLine($"warning: report.html not updated: {e.Message}");
                return null;
            }
            // A refresh while a search grows its plan may read plan.csv a moment before summary.csv follows it; the
            // next refresh reads them agreeing, and the last build, after the run, says what is really damaged.
            catch (Core.Errors.SweepException) when (!final) { return null; }
            finally
            {
                var took = Stopwatch.GetElapsedTime(started);
                Volatile.Write(ref _intervalTicks, Math.Max(took.Ticks * CostShare, _timing.MinInterval.Ticks));
                _sinceBuild.Restart();
            }
        }
    }
}
