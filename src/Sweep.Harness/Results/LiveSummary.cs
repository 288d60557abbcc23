using System.Diagnostics;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Results;

/// <summary>
/// summary.csv while a run goes on: the statuses kept in memory (each trial's status file read at most once, when
/// the trial is first met), and the table written at most once per <see cref="Interval"/>, so that a sweep of
/// thousands of short trials costs each trial a constant amount rather than a reread of every other trial. The run
/// ends with <see cref="SummaryFile.Rebuild"/> from the folder, which also sees trials other processes finished.
/// </summary>
public sealed class LiveSummary(ResultsLayout layout)
{
    /// <summary>The longest the table lags behind the trials that finished: the page refreshes every 2 s at most, so
    /// a second's lag shows on it no more than it did.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, TrialStatus?> _statuses = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceWrite = new();
    private readonly object _gate = new();

    /// <summary>Records a trial's end; writes the table when the last write is older than <see cref="Interval"/>
    /// (the first one at once).</summary>
    public void Finished(SweepPlan plan, TrialPlan trial, TrialStatus status)
    {
        lock (_gate)
        {
            _statuses[trial.Id] = status;
            if (_sinceWrite.IsRunning && _sinceWrite.Elapsed < Interval) return;
            Write(plan);
        }
    }

    /// <summary>Writes the table now, from memory.</summary>
    public void Write(SweepPlan plan)
    {
        lock (_gate)
        {
            SummaryFile.Write(plan, layout, StatusOf);
            _sinceWrite.Restart();
        }
    }

    private TrialStatus? StatusOf(TrialPlan trial)
    {
        if (!_statuses.TryGetValue(trial.Id, out var status))
            _statuses[trial.Id] = status = TrialStatus.Load(layout.Trial(trial.Id).Status);
        return status;
    }
}
