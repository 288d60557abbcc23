using System.Runtime.ExceptionServices;
using Sweep.Core.Files;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>A worker's task: train a trial to a rung (null: to the end), or end a paused trial that halving
/// cut.</summary>
internal sealed record Work(TrialPlan Trial, int? PauseAfter, string? PruneReason = null);

/// <summary>
/// The runner's workers: `parallel` threads take work items (train a trial to a rung or to the end, or prune it)
/// from a queue, each trial on one thread, and record how each trial ended. The queue may grow as trials end (a
/// search's next batch, halving's promotions). The pool also keeps the trials paused at a rung, and how much of the
/// workers' time went without a trial.
/// </summary>
/// <param name="cost">Each trial's expected work (epochs × weights): the largest start first, so no core is left
/// alone with a big trial at the end. Results stay in plan order whatever order trials run in.</param>
/// <param name="lendIdleCores">Whether a worker with nothing to take lends its core to a running trial (see
/// <see cref="RunningTrainers"/>); the numbers are the same either way.</param>
internal sealed class WorkerPool(DataStore store, IRunReporter reporter, SweepPlan initialPlan,
    ResultsLayout layout, Dictionary<string, TrialSettings> settings, Dictionary<string, double> cost, int parallel,
    bool lendIdleCores, CancellationToken cancel)
{
    private readonly TrialRunner _trialRunner = new(store, reporter) { Running = new RunningTrainers() };
    private RunningTrainers Running => _trialRunner.Running!;
    private readonly HashSet<string> _skipped = [];
    private readonly LiveSummary _summary = new(layout);
    private SweepPlan _plan = initialPlan;

    /// <summary>A search's plan, grown by a batch: its trials get a place in the results.</summary>
    public void Grow(SweepPlan plan, IEnumerable<TrialPlan> fresh)
    {
        lock (Results)
        {
            _plan = plan;
            foreach (var trial in fresh) Results[trial.Id] = null;
        }
    }

    /// <summary>summary.csv now, for the plan as it is: a search that grew its plan writes plan.csv and then this, so
    /// that a reader finds the two tables listing the same trials (it refuses a summary that lists fewer).</summary>
    public void WriteSummary()
    {
        SweepPlan plan;
        lock (Results) plan = _plan;
        _summary.Write(plan);
    }

    public TrialStatus? StatusOf(TrialPlan trial)
    {
        lock (Results) return Results.GetValueOrDefault(trial.Id);
    }

    /// <summary>How each trial ended; null until it has.</summary>
    public Dictionary<string, TrialStatus?> Results { get; } =
        settings.Keys.ToDictionary(id => id, _ => (TrialStatus?)null);
    private readonly Dictionary<string, int> _paused = [];

    /// <summary>Whether the trial stopped at the last rung, checkpointed, waiting for the cut.</summary>
    public bool IsPaused(TrialPlan trial) { lock (_paused) return _paused.ContainsKey(trial.Id); }

    /// <summary>The rung (epoch) the trial paused at, if it is paused.</summary>
    public int? PausedAt(TrialPlan trial)
    {
        lock (_paused) return _paused.TryGetValue(trial.Id, out int epoch) ? epoch : null;
    }

    /// <summary>The trials another process held when this one came to them.</summary>
    public IReadOnlySet<string> Skipped => _skipped;

    public void Execute(IReadOnlyList<TrialPlan> trials, int? pauseAfter,
        Func<IReadOnlyList<TrialPlan>>? more = null) =>
        Execute(trials.Select(t => new Work(t, pauseAfter)).ToList(),
            more is null ? null : () => more().Select(t => new Work(t, null)).ToList());

    /// <param name="more">Asked each time a trial ends or pauses, under the pool's lock: the work that makes
    /// available (a search's next batch, halving's promotions), taken before what was queued. Workers wait for it
    /// while any trial runs. Null: the list is all.</param>
    public void Execute(IReadOnlyList<Work> work, Func<IReadOnlyList<Work>>? more)
    {
        var queue = Order(work);
        int next = 0, running = 0;
        long queued = 0; // how many times work was added: a lent core returns when it changes
        var gate = new object();
        ExceptionDispatchInfo? broken = null;
        long busyTicks = 0, lentTicks = 0; // lent: working for another worker's trial (counted as busy too)
        var wall = System.Diagnostics.Stopwatch.StartNew();
        void Worker()
        {
            // A trial's own failures are results (TrialRunner records them). What escapes is the results folder
            // itself failing, e.g. a full disk refusing even a status file: no worker takes another trial, and
            // the error goes to the caller instead of ending the process from a worker thread.
            try
            {
                while (true)
                {
                    Work? item = null;
                    long seenQueued;
                    lock (gate)
                    {
                        while (true)
                        {
                            if (broken is not null) return;
                            if (next < queue.Count)
                            {
                                item = queue[next++];
                                running++;
                                break;
                            }
                            if (running == 0) return;
                            // Nothing to take while a trial trains: lend this core to it, if it can use one. A
                            // trial just started registers once its data is loaded, hence the timed wait.
                            if (lendIdleCores && Running.AnyCanUseCore) break;
                            Monitor.Wait(gate, 50);
                        }
                        seenQueued = queued;
                    }
                    if (item is null)
                    {
                        // Back as soon as work is queued, or the pool breaks.
                        reporter.WorkerLending(true);
                        TimeSpan worked;
                        try
                        {
                            worked = Running.Lend(() => Volatile.Read(ref queued) != seenQueued
                                || Volatile.Read(ref broken) is not null);
                        }
                        finally { reporter.WorkerLending(false); }
                        long workedTicks = (long)(worked.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
                        Interlocked.Add(ref busyTicks, workedTicks);
                        Interlocked.Add(ref lentTicks, workedTicks);
                        if (worked == TimeSpan.Zero)
                            lock (gate)
                                if (next == queue.Count && running > 0 && broken is null) Monitor.Wait(gate, 20);
                        continue;
                    }
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    try { RunOne(item); }
                    finally
                    {
                        Interlocked.Add(ref busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
                        lock (gate)
                        {
                            running--;
                            if (more is not null && more() is { Count: > 0 } added)
                            {
                                queue.InsertRange(next, Order(added));
                                queued++;
                            }
                            Monitor.PulseAll(gate);
                        }
                    }
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    broken ??= ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(gate);
                }
            }
        }
        // As many as --parallel even with fewer trials: a worker without one lends its core to a running trial.
        int workers = Math.Max(1, parallel);
        var threads = Enumerable.Range(0, workers)
            .Select(w => new Thread(Worker) { Name = $"sweep-worker-{w}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        // The share of the workers' time (as many as --parallel, whether or not there was work for them all)
        // spent without a trial: waiting for results to decide what to train, or with nothing left.
        double capacity = wall.Elapsed.TotalSeconds * parallel;
        if (capacity > 0)
        {
            _busySeconds += busyTicks / (double)System.Diagnostics.Stopwatch.Frequency;
            _lentSeconds += lentTicks / (double)System.Diagnostics.Stopwatch.Frequency;
            _capacitySeconds += capacity;
        }
        broken?.Throw();
    }

    private double _busySeconds, _lentSeconds, _capacitySeconds;

    /// <summary>Over every pass so far: the share of --parallel workers' time spent without a trial, their own or
    /// one they were lent to.</summary>
    public double IdleShare => _capacitySeconds > 0 ? Math.Clamp(1 - _busySeconds / _capacitySeconds, 0, 1) : 0;

    /// <summary>Over every pass so far: the share of --parallel workers' time lent to another worker's trial.</summary>
    public double LentShare => _capacitySeconds > 0 ? Math.Clamp(_lentSeconds / _capacitySeconds, 0, 1) : 0;

    /// <summary>Largest first, then plan order.</summary>
    private List<Work> Order(IEnumerable<Work> work) =>
        work.OrderByDescending(w => cost[w.Trial.Id]).ThenBy(w => w.Trial.Index).ToList();

    private void RunOne(Work work)
    {
        var trial = work.Trial;
        var folder = layout.Trial(trial.Id);
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
            lock (Results) Results[trial.Id] = done;
            return;
        }
        if (work.PruneReason is { } why)
        {
            if (IsPaused(trial)) Finished(trial, _trialRunner.Prune(trial, settings[trial.Id], folder, why));
            return;
        }
        if (cancel.IsCancellationRequested) return;
        AtomicFile.WriteAllText(folder.Config, TrialConfigFile.Render(trial));
        lock (_paused) _paused.Remove(trial.Id);
        var status = _trialRunner.Run(trial, settings[trial.Id], folder, cancel, work.PauseAfter);
        if (status is null) lock (_paused) _paused[trial.Id] = work.PauseAfter!.Value;
        else Finished(trial, status);
    }

    public void Finished(TrialPlan trial, TrialStatus status)
    {
        lock (_paused) _paused.Remove(trial.Id);
        SweepPlan plan;
        lock (Results)
        {
            Results[trial.Id] = status;
            plan = _plan;
        }
        // Before the reporter hears of it, so that a report it builds sees this trial (within a second: the table is
        // written at most once a second, LiveSummary).
        _summary.Finished(plan, trial, status);
        reporter.TrialFinished(trial, status);
    }
}
