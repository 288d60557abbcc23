using Sweep.Core.Files;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Run.Scheduling;

namespace Sweep.Harness.Run;

/// <summary>
/// Runs a plan in four steps: prepare the trials (settings, data, memory), open the results folder, schedule the
/// work, conclude. The <see cref="WorkerPool"/>'s threads take trials, largest first, each trial on one thread, all
/// sharing one read-only copy of the data; parallelism 1 takes the same path. Finished trials are skipped;
/// interrupted ones resume; a per-trial lock keeps two processes off the same trial. What to train, and how far, is
/// the sweep's schedule (Scheduling/: plain, synchronous or asynchronous halving, a search, a search with
/// halving).
/// </summary>
public sealed class SweepRunner(DataStore store, IRunReporter reporter)
{
    public SweepOutcome Run(SweepPlan plan, RunOptions options, CancellationToken cancel)
    {
        var selected = Select(plan, options);
        RefuseParts(plan, options);
        // Every data set loaded before the results folder exists: a missing or damaged file stops here, with
        // nothing written, instead of failing every trial one by one.
        var trials = new PreparedTrials(store, plan.Spec);
        trials.Prepare(selected);
        trials.CheckMemory(options.Parallel);

        var layout = new ResultsLayout(options.OutputDir);
        string effective = EffectiveSweepFile.Render(plan);
        using var held = Open(plan, layout, effective);
        // Damage stops here, before any write.
        var statusesFound = selected.ToDictionary(t => t.Id, t => TrialStatus.Load(layout.Trial(t.Id).Status));
        SweepFileHistory.Write(layout, layout.SweepFile, plan.Spec.Text);
        SweepFileHistory.Write(layout, layout.EffectiveSweep, effective);
        PlanFile.Write(plan, layout.PlanFile);
        Manifest.Create(plan.Spec.Name, trials.Checksums).SaveIfAbsent(layout);

        var toRun = selected.Where(t => statusesFound[t.Id]?.IsFinal != true).ToList();
        var invocation = Invocation.Start("run", options.CommandLine ?? [], plan.Spec.Overrides, Sha256(plan.Spec.Text),
            $"{selected.Count} trials, {toRun.Count} to train, parallel {options.Parallel}", trials.Checksums);
        InvocationLog.Append(layout, invocation);
        reporter.SweepStarted(toRun, selected.Count - toRun.Count, options.Parallel);

        ITrialRunner runner = plan.Spec.Program is { } program
            ? new Programs.ProgramTrialRunner(program, Path.GetDirectoryName(plan.Spec.File)!, reporter)
            : new NetworkTrialRunner(new TrialRunner(store, reporter) { Running = new RunningTrainers() }, trials);
        var pool = new WorkerPool(reporter, new PoolOptions(layout, trials, runner, options.Parallel,
            options.LendIdleCores, options.Lean), cancel);
        var summary = new LiveSummary(layout);
        var context = new ScheduleContext(plan, pool, layout, trials, summary, reporter, cancel);
        pool.TrialEnded += (trial, status) =>
        {
            // Before the reporter hears of it, so that a report it builds sees this trial (within a second: the
            // table is written at most once a second, LiveSummary).
            summary.Finished(context.Plan, trial, status);
            reporter.TrialFinished(trial, status);
        };
        plan = Schedules.For(plan.Spec).Run(plan, selected, context);

        var outcome = Conclude(plan, Select(plan, options), options, layout, pool, cancel);
        InvocationLog.Append(layout, invocation.End(outcome.Describe(cancel.IsCancellationRequested) + "; " +
            outcome.DescribeWorkers()));
        return outcome;
    }

    /// <summary>Sweeps that decide from their own results run whole in one process.</summary>
    private static void RefuseParts(SweepPlan plan, RunOptions options)
    {
        if (options.Trials is null && options.Shard is null) return;
        if (plan.Spec.Halving is not null)
            throw RunException.CannotStart("successive halving ranks the whole sweep at each rung, " +
                "so it cannot run with --trial or --shard;", "run the sweep whole.");
        if (plan.Spec.Search is { IsModelBased: true } model)
            throw RunException.CannotStart($"a {model.Method} search proposes each batch from the results of the " +
                "ones before, so it cannot run with --trial or --shard;", "run the sweep whole.");
    }

    /// <summary>The results folder made and held for this run's settings (<see cref="FolderLock"/>), and cleared of
    /// what a killed writer left.</summary>
    private static IDisposable Open(SweepPlan plan, ResultsLayout layout, string effective)
    {
        // Renaming a sweep is the one edit that must not reuse a folder: it would overwrite another sweep's file.
        if (Manifest.Read(layout)?.SweepName is { } other && other != plan.Spec.Name)
            throw RunException.CannotStart(
                $"{layout.Root} holds the results of sweep '{other}', not '{plan.Spec.Name}';",
                "choose another folder with --out.");
        try { WriteGuard.CreateDirectory(layout.TrialsDir); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string why = File.Exists(layout.Root) ? "it is a file" : e.Message;
            throw new IOException(
                $"cannot create the results folder {layout.Root} ({why}); choose another with --out.", e);
        }
        var held = FolderLock.TryHold(layout, Sha256(effective), out _) ?? throw RunException.CannotStart(
            $"{layout.Root} is in use by another run of this sweep with other settings (its effective.yaml differs);",
            "wait for that run to end, or choose another folder with --out.");
        StaleFiles.Remove(layout);
        return held;
    }

    /// <summary>The run's end: trials another process held are waited for or named, summary.csv is rebuilt from the
    /// folder (which sees them too), and the outcome says how each selected trial ended.</summary>
    private SweepOutcome Conclude(SweepPlan plan, List<TrialPlan> selected, RunOptions options, ResultsLayout layout,
        WorkerPool pool, CancellationToken cancel)
    {
        // A trial skipped because another process held it may have finished since: its status file says.
        var elsewhere = new List<string>();
        foreach (var trial in selected.Where(t => pool.Skipped.Contains(t.Id)))
        {
            if (options.WaitForOthers && layout.Trial(trial.Id).IsLocked())
            {
                reporter.TrialSkipped(trial, "waiting for the other process that holds it to finish it");
                while (layout.Trial(trial.Id).IsLocked() && !cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) { }
            }
            if (TrialStatus.Load(layout.Trial(trial.Id).Status) is { IsFinal: true } done) pool.Adopt(trial, done);
            else elsewhere.Add(trial.Id);
        }
        SummaryFile.Rebuild(plan, layout);
        var statuses = selected.Select(pool.StatusOf).OfType<TrialStatus>().ToList();
        return new SweepOutcome(layout.Root, statuses, elsewhere)
        {
            IdleShare = pool.IdleShare, LentShare = pool.LentShare,
        };
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static List<TrialPlan> Select(SweepPlan plan, RunOptions options)
    {
        var trials = plan.Trials.Where(t => t.DuplicateOf is null);
        if (options.Trials is { } ids)
        {
            var known = trials.Select(t => t.Id).ToHashSet();
            if (ids.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
                throw RunException.CannotStart($"no trial '{unknown}' in this sweep;",
                    "`scripts/sweep plan` lists the ids.");
            trials = trials.Where(t => ids.Contains(t.Id));
        }
        if (options.Shard is var (index, count)) trials = trials.Where(t => t.Index % count == index);
        return trials.ToList();
    }
}
