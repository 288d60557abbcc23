using System.Diagnostics;
using Sweep.Core.Files;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>What the pool works with, fixed for a run.</summary>
/// <param name="Trials">Each trial's settings and expected work; results stay in plan order whatever order trials
/// run in.</param>
/// <param name="LendIdleCores">Whether a worker with nothing to take lends its core to a running trial (see
/// <see cref="RunningTrainers"/>); the numbers are the same either way.</param>
/// <param name="Lean">Whether an ended trial drops what only further training would read (`run --lean`).</param>
/// <param name="Runner">How a trial runs: one of Sweep's networks or the user's program.</param>
internal sealed record PoolOptions(ResultsLayout Layout, PreparedTrials Trials, ITrialRunner Runner, int Parallel,
    bool LendIdleCores, bool Lean = false);

/// <summary>
/// The runner's workers: `parallel` threads take work items (train a trial to a rung or to the end, or prune it)
/// from a <see cref="WorkQueue"/>, each trial on one thread, and record how each trial ended, raising
/// <see cref="TrialEnded"/>. The pool also keeps the trials paused at a rung, and how much of the workers' time went
/// without a trial.
/// </summary>
internal sealed class WorkerPool(IRunReporter reporter, PoolOptions options, CancellationToken cancel)
{
    private ITrialRunner Runner => options.Runner;
    private readonly Dictionary<string, TrialStatus> _ended = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _paused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private double _busySeconds, _lentSeconds, _capacitySeconds;

    /// <summary>A trial ended in this run (not paused at a rung): raised on the worker's thread, before the next
    /// item is taken.</summary>
    public event Action<TrialPlan, TrialStatus>? TrialEnded;

    /// <summary>How the trial ended, in this run or an earlier one that this run met; null until it has.</summary>
    public TrialStatus? StatusOf(TrialPlan trial)
    {
        lock (_ended) return _ended.GetValueOrDefault(trial.Id);
    }

    /// <summary>A status another process wrote for a trial this run skipped.</summary>
    public void Adopt(TrialPlan trial, TrialStatus status)
    {
        lock (_ended) _ended[trial.Id] = status;
    }

    /// <summary>Whether the trial stopped at the last rung, checkpointed, waiting for the cut.</summary>
    public bool IsPaused(TrialPlan trial) { lock (_paused) return _paused.ContainsKey(trial.Id); }

    /// <summary>The rung (epoch) the trial paused at, if it is paused.</summary>
    public int? PausedAt(TrialPlan trial)
    {
        lock (_paused) return _paused.TryGetValue(trial.Id, out int epoch) ? epoch : null;
    }

    /// <summary>The trials another process held when this one came to them.</summary>
    public IReadOnlySet<string> Skipped => _skipped;

    /// <summary>Over every pass so far: the share of --parallel workers' time spent without a trial, their own or
    /// one they were lent to.</summary>
    public double IdleShare => _capacitySeconds > 0 ? Math.Clamp(1 - _busySeconds / _capacitySeconds, 0, 1) : 0;

    /// <summary>Over every pass so far: the share of --parallel workers' time lent to another worker's trial.</summary>
    public double LentShare => _capacitySeconds > 0 ? Math.Clamp(_lentSeconds / _capacitySeconds, 0, 1) : 0;

    public void Execute(IReadOnlyList<TrialPlan> trials, int? pauseAfter,
        Func<IReadOnlyList<TrialPlan>>? more = null) =>
        Execute(trials.Select(t => new Work(t, pauseAfter)).ToList(),
            more is null ? null : () => more().Select(t => new Work(t, null)).ToList());

    /// <summary>One pass: the workers take <paramref name="work"/> and what <paramref name="more"/> adds as items
    /// end, until none is left and none runs.</summary>
    /// <param name="more">See <see cref="WorkQueue"/>; workers wait for it while any trial runs.</param>
    public void Execute(IReadOnlyList<Work> work, Func<IReadOnlyList<Work>>? more)
    {
        var queue = new WorkQueue(work, more, Order);
        var time = new WorkerTime();
        var wall = Stopwatch.StartNew();
        // As many as --parallel even with fewer trials: a worker without one lends its core to a running trial.
        var threads = Enumerable.Range(0, Math.Max(1, options.Parallel))
            .Select(w => new Thread(() => Worker(queue, time)) { Name = $"sweep-worker-{w}", IsBackground = true })
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        // The share of the workers' time (as many as --parallel, whether or not there was work for them all)
        // spent without a trial: waiting for results to decide what to train, or with nothing left.
        double capacity = wall.Elapsed.TotalSeconds * options.Parallel;
        if (capacity > 0)
        {
            _busySeconds += time.BusySeconds;
            _lentSeconds += time.LentSeconds;
            _capacitySeconds += capacity;
        }
        queue.ThrowIfBroken();
    }

    /// <summary>A worker's loop. A trial's own failures are results (TrialRunner records them). What escapes is the
    /// results folder itself failing, e.g. a full disk refusing even a status file: no worker takes another item,
    /// and the error goes to the caller instead of ending the process from a worker thread.</summary>
    private void Worker(WorkQueue queue, WorkerTime time)
    {
        try
        {
            while (queue.TryTake(() => options.LendIdleCores && Runner.Running is { AnyCanUseCore: true },
                out var item, out long seen))
            {
                if (item is null)
                {
                    Lend(queue, seen, time);
                    continue;
                }
                long started = Stopwatch.GetTimestamp();
                try { RunOne(item); }
                finally
                {
                    time.AddBusy(Stopwatch.GetElapsedTime(started));
                    queue.Done();
                }
            }
        }
        catch (Exception e) { queue.Break(e); }
    }

    /// <summary>Nothing to take while a trial trains: this core works for it until work is queued or the pass
    /// breaks.</summary>
    private void Lend(WorkQueue queue, long additionsSeen, WorkerTime time)
    {
        reporter.WorkerLending(true);
        TimeSpan worked;
        try
        {
            worked = Runner.Running?.Lend(() => queue.Additions != additionsSeen || queue.IsBroken) ?? TimeSpan.Zero;
        }
        finally { reporter.WorkerLending(false); }
        time.AddLent(worked);
        if (worked == TimeSpan.Zero) queue.PauseAfterIdleOffer();
    }

    /// <summary>Largest first, then plan order.</summary>
    private List<Work> Order(IEnumerable<Work> work) =>
        work.OrderByDescending(w => options.Trials.CostOf(w.Trial)).ThenBy(w => w.Trial.Index).ToList();

    private void RunOne(Work work)
    {
        var trial = work.Trial;
        var folder = options.Layout.Trial(trial.Id);
        WriteGuard.CreateDirectory(folder.Dir);
        using var trialLock = folder.TryLock();
        if (trialLock is null)
        {
            reporter.TrialSkipped(trial, "another process is running it");
            lock (_skipped) _skipped.Add(trial.Id);
            return;
        }
        if (TrialStatus.Load(folder.Status) is { IsFinal: true } done)
        {
            Adopt(trial, done);
            return;
        }
        if (work.PruneReason is { } why)
        {
            if (IsPaused(trial)) Ended(trial, Runner.Prune(trial, folder, why));
            return;
        }
        if (cancel.IsCancellationRequested) return;
        AtomicFile.WriteAllText(folder.Config, TrialConfigFile.Render(trial));
        bool promoted;
        lock (_paused) promoted = _paused.Remove(trial.Id);
        var status = Runner.Run(trial, folder, cancel, work.PauseAfter, promoted);
        if (status is null) lock (_paused) _paused[trial.Id] = work.PauseAfter!.Value;
        else Ended(trial, status);
    }

    private void Ended(TrialPlan trial, TrialStatus status)
    {
        lock (_paused) _paused.Remove(trial.Id);
        if (options.Lean && status.IsFinal) options.Layout.Trial(trial.Id).DropTrainingState();
        Adopt(trial, status);
        TrialEnded?.Invoke(trial, status);
    }

    /// <summary>The workers' time in one pass: with a trial (their own or one they were lent to), and lent.</summary>
    private sealed class WorkerTime
    {
        private long _busyTicks, _lentTicks;

        public double BusySeconds => Interlocked.Read(ref _busyTicks) / (double)TimeSpan.TicksPerSecond;
        public double LentSeconds => Interlocked.Read(ref _lentTicks) / (double)TimeSpan.TicksPerSecond;

        public void AddBusy(TimeSpan span) => Interlocked.Add(ref _busyTicks, span.Ticks);

        /// <summary>Lent time counts as busy too.</summary>
        public void AddLent(TimeSpan span)
        {
            Interlocked.Add(ref _busyTicks, span.Ticks);
            Interlocked.Add(ref _lentTicks, span.Ticks);
        }
    }
}
