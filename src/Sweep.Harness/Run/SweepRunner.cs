using Sweep.Core.Serialization;
using Sweep.Data;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Run;

/// <summary>
/// Runs a plan: N worker threads take trials in plan order, each trial on one thread, all sharing one read-only
/// copy of the data. Parallelism 1 takes the same path. Completed trials are skipped; interrupted ones resume;
/// a per-trial lock keeps two processes off the same trial; the summary is rebuilt after every trial.
/// </summary>
public sealed class SweepRunner(DataStore store, IRunReporter reporter)
{
    private readonly object _summaryGate = new();

    public SweepOutcome Run(SweepPlan plan, RunOptions options, CancellationToken cancel)
    {
        var selected = Select(plan, options);
        string sweepFolder = Path.GetDirectoryName(plan.Spec.File)!;
        var settings = selected.ToDictionary(t => t.Id, t => TrialSettings.From(t, sweepFolder));

        // Load every data set before the results folder exists: a missing or damaged file stops here, with
        // nothing written, instead of failing every trial one by one.
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var s in settings.Values)
            foreach (var (path, sha) in TrialRunner.LoadData(store, s).Checksums) checksums[path] = sha;

        var layout = new ResultsLayout(options.OutputDir);
        Directory.CreateDirectory(layout.TrialsDir);
        AtomicFile.WriteAllText(layout.SweepFile, plan.Spec.Text);
        PlanFile.Write(plan, layout.PlanFile);
        var manifest = Manifest.Start(plan.Spec.Name, checksums, selected.Count, options.Parallel);
        manifest.Save(layout.Manifest);

        int alreadyComplete = selected.Count(t => TrialStatus.Load(layout.Trial(t.Id).Status)?.Status == TrialState.Completed);
        reporter.SweepStarted(selected.Count, alreadyComplete, options.Parallel);
        var results = new TrialStatus?[selected.Count];
        int next = -1, skipped = 0;
        var trialRunner = new TrialRunner(store, reporter);

        void Worker()
        {
            for (int i = Interlocked.Increment(ref next); i < selected.Count; i = Interlocked.Increment(ref next))
            {
                var trial = selected[i];
                var folder = layout.Trial(trial.Id);
                Directory.CreateDirectory(folder.Dir);
                using var trialLock = TryLock(folder);
                if (trialLock is null)
                {
                    reporter.TrialSkipped(trial, "another process is running it");
                    Interlocked.Increment(ref skipped);
                    continue;
                }
                if (TrialStatus.Load(folder.Status) is { Status: TrialState.Completed } done)
                {
                    results[i] = done;
                    continue;
                }
                if (cancel.IsCancellationRequested) continue;
                AtomicFile.WriteAllText(folder.Config, TrialConfigFile.Render(trial));
                var status = trialRunner.Run(trial, settings[trial.Id], folder, cancel);
                results[i] = status;
                lock (_summaryGate) SummaryFile.Rebuild(plan, layout); // before the reporter hears of it, so a report it builds sees this trial
                reporter.TrialFinished(trial, status);
            }
        }

        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallel, selected.Count)))
            .Select(w => new Thread(Worker) { Name = $"sweep-worker-{w}", IsBackground = true }).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        SummaryFile.Rebuild(plan, layout);
        (manifest with { Finished = DateTimeOffset.Now }).Save(layout.Manifest);
        return new SweepOutcome(layout.Root, results.OfType<TrialStatus>().ToList(), skipped);
    }

    private static List<TrialPlan> Select(SweepPlan plan, RunOptions options)
    {
        var trials = plan.Trials.Where(t => t.DuplicateOf is null);
        if (options.Trial is { } id)
        {
            trials = trials.Where(t => t.Id == id);
            if (!trials.Any()) throw new ArgumentException($"no trial '{id}' in this sweep; `scripts/sweep plan` lists the ids.");
        }
        if (options.Shard is var (index, count)) trials = trials.Where(t => t.Index % count == index);
        return trials.ToList();
    }

    /// <summary>An exclusive lock on the trial's .lock file (flock on Linux), released when the process dies.</summary>
    private static FileStream? TryLock(TrialFolder folder)
    {
        try { return new FileStream(folder.Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { return null; }
    }
}
