using Sweep.Core.Files;
using Sweep.Core.Serialization;
using Sweep.Core.Training;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run;

/// <summary>
/// Runs a plan: the <see cref="WorkerPool"/>'s threads take trials, largest first, each trial on one thread, all
/// sharing one read-only copy of the data. Parallelism 1 takes the same path. Finished trials are skipped;
/// interrupted ones resume; a per-trial lock keeps two processes off the same trial; the summary is rebuilt after
/// every trial. With successive halving the trials run rung by rung, each rung a barrier at which the weaker
/// configurations stop; with asynchronous halving and with a model-based search, what to train next is decided as
/// trials end, from their results in a fixed order.
/// </summary>
public sealed class SweepRunner(DataStore store, IRunReporter reporter)
{
    private readonly DataStore _store = store;
    private readonly IRunReporter _reporter = reporter;

    public SweepOutcome Run(SweepPlan plan, RunOptions options, CancellationToken cancel)
    {
        var selected = Select(plan, options);
        string sweepFolder = Path.GetDirectoryName(plan.Spec.File)!;
        bool part = options.Trials is not null || options.Shard is not null;
        if (plan.Spec.Halving is not null && part)
            throw RunException.CannotStart("successive halving ranks the whole sweep at each rung, " +
                "so it cannot run with --trial or --shard;", "run the sweep whole.");
        if (plan.Spec.Search is { IsModelBased: true } model && part)
            throw RunException.CannotStart($"a {model.Method} search proposes each batch from the results of the " +
                "ones before, so it cannot run with --trial or --shard;", "run the sweep whole.");

        // Load every data set before the results folder exists: a missing or damaged file stops here, with
        // nothing written, instead of failing every trial one by one.
        var settings = new Dictionary<string, TrialSettings>();
        var checksums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var cost = new Dictionary<string, double>();
        var memory = new Dictionary<string, long>();
        void Prepare(IReadOnlyList<TrialPlan> trials)
        {
            foreach (var trial in trials)
            {
                var s = settings[trial.Id] = TrialSettings.From(trial, sweepFolder);
                var data = TrialRunner.LoadData(_store, s);
                foreach (var (path, sha) in data.Checksums) checksums[path] = sha;
                var sizes = s.Architecture(data.Train.Features, data.Train.Classes).Sizes;
                cost[trial.Id] = (double)s.Epochs * sizes.Zip(sizes.Skip(1)).Sum(p => (double)p.First * p.Second);
                memory[trial.Id] = TrainingMemory.Estimate(sizes, s.Training.BatchSize, s.Training.Dropout > 0,
                    s.Training.Optimizer.Kind);
            }
        }
        Prepare(selected);
        CheckMemory(memory, options.Parallel);

        var layout = new ResultsLayout(options.OutputDir);
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
        string effective = EffectiveSweepFile.Render(plan);
        using var held = FolderLock.TryHold(layout, Sha256(effective), out _) ?? throw RunException.CannotStart(
            $"{layout.Root} is in use by another run of this sweep with other settings (its effective.yaml differs);",
            "wait for that run to end, or choose another folder with --out.");
        StaleFiles.Remove(layout);
        // Damage stops here, before any write.
        var statusesFound = selected.ToDictionary(t => t.Id, t => TrialStatus.Load(layout.Trial(t.Id).Status));
        SweepFileHistory.Write(layout, layout.SweepFile, plan.Spec.Text);
        SweepFileHistory.Write(layout, layout.EffectiveSweep, effective);
        PlanFile.Write(plan, layout.PlanFile);
        Manifest.Create(plan.Spec.Name, checksums).SaveIfAbsent(layout);

        var toRun = selected.Where(t => statusesFound[t.Id]?.IsFinal != true).ToList();
        var invocation = Invocation.Start("run", options.CommandLine ?? [], plan.Spec.Overrides, Sha256(plan.Spec.Text),
            $"{selected.Count} trials, {toRun.Count} to train, parallel {options.Parallel}", checksums);
        InvocationLog.Append(layout, invocation);
        _reporter.SweepStarted(toRun, selected.Count - toRun.Count, options.Parallel);
        var run = new WorkerPool(_store, _reporter, plan, layout, settings, cost, options.Parallel,
            options.LendIdleCores, cancel);

        if (plan.Spec.Search is { IsModelBased: true } guided && plan.Spec.Halving is { } pruning)
        {
            plan = RunSearchWithHalving(plan, guided, pruning, layout, run, Prepare, cancel);
            selected = Select(plan, options);
        }
        else if (plan.Spec.Halving is { Asynchronous: true } asha)
            RunAsynchronousHalving(selected, layout, run, asha, cancel);
        else if (plan.Spec.Halving is { } halving)
        {
            IReadOnlyList<TrialPlan> alive = selected;
            foreach (int rung in halving.Rungs)
            {
                run.Execute(alive, pauseAfter: rung);
                if (cancel.IsCancellationRequested) break;
                var survivors = SuccessiveHalving.Survivors(alive, rung, halving,
                    (t, epoch) => MetricAt(layout.Trial(t.Id), epoch, halving.Metric));
                // The workers end the cut trials, as they do asynchronous halving's: in parallel, each under its lock.
                string why = FormattableString.Invariant($"successive halving: not among the best {halving.Keep:P0} ") +
                    FormattableString.Invariant($"of configurations by {halving.Metric} at epoch {rung}");
                var cuts = alive.Except(survivors).Where(run.IsPaused).Select(cut => new Work(cut, null, why)).ToList();
                run.Execute(cuts, more: null);
                alive = survivors;
            }
            if (!cancel.IsCancellationRequested) run.Execute(alive, pauseAfter: null);
        }
        else if (plan.Spec.Search is { IsModelBased: true } search)
        {
            plan = RunSearch(plan, search, layout, run, Prepare, cancel);
            selected = Select(plan, options);
        }
        else run.Execute(selected, pauseAfter: null);

        // A trial skipped because another process held it may have finished since: its status file says.
        var elsewhere = new List<string>();
        foreach (var trial in selected.Where(t => run.Skipped.Contains(t.Id)))
        {
            if (options.WaitForOthers && layout.Trial(trial.Id).IsLocked())
            {
                _reporter.TrialSkipped(trial, "waiting for the other process that holds it to finish it");
                while (layout.Trial(trial.Id).IsLocked() && !cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1))) { }
            }
            if (TrialStatus.Load(layout.Trial(trial.Id).Status) is { IsFinal: true } done) run.Results[trial.Id] = done;
            else elsewhere.Add(trial.Id);
        }
        SummaryFile.Rebuild(plan, layout);
        var statuses = selected.Select(t => run.Results[t.Id]).OfType<TrialStatus>().ToList();
        var outcome = new SweepOutcome(layout.Root, statuses, elsewhere)
        {
            IdleShare = run.IdleShare, LentShare = run.LentShare,
        };
        InvocationLog.Append(layout, invocation.End(outcome.Describe(cancel.IsCancellationRequested) + "; " +
            outcome.DescribeWorkers()));
        return outcome;
    }

    /// <summary>A model-based search: each trial's end may let the search propose its next batch, which the workers
    /// take up at once. Returns the plan as far as it got.</summary>
    private SweepPlan RunSearch(SweepPlan plan, SearchOptions search, ResultsLayout layout, WorkerPool run,
        Action<IReadOnlyList<TrialPlan>> prepare, CancellationToken cancel)
    {
        var metric = search.MetricOr(plan.Spec.Select);
        var made = new List<IReadOnlyDictionary<string, object>>();
        run.Execute(plan.Trials.Where(t => t.DuplicateOf is null).ToList(), pauseAfter: null, more: () =>
        {
            if (cancel.IsCancellationRequested) return [];
            var fresh = Grow(ref plan, SearchPlanner.Plan(plan.Spec, t => SearchOutcomes.Of(run.StatusOf(t), metric),
                made), layout, run, prepare);
            return fresh;
        });
        return plan;
    }

    /// <summary>A search's plan grown by its next proposals: their data loaded, the workers told, plan.csv and then
    /// summary.csv written (a reader finds the two listing the same trials), the reporter told. Nothing is written
    /// when nothing was proposed. Returns the new trials.</summary>
    private List<TrialPlan> Grow(ref SweepPlan plan, SweepPlan grown, ResultsLayout layout, WorkerPool run,
        Action<IReadOnlyList<TrialPlan>> prepare)
    {
        if (grown.Trials.Count == plan.Trials.Count) return [];
        var known = plan.Trials.Select(t => t.Id).ToHashSet();
        var fresh = grown.Trials.Where(t => t.DuplicateOf is null && !known.Contains(t.Id)).ToList();
        prepare(fresh);
        plan = grown;
        run.Grow(plan, fresh);
        PlanFile.Write(plan, layout.PlanFile);
        run.WriteSummary();
        _reporter.TrialsProposed(fresh);
        return fresh;
    }

    /// <summary>The workers' share of halving's steps: each step for every seed of its configuration, a cut with the
    /// reason it was cut.</summary>
    private static List<Work> HalvingWork(IEnumerable<AsyncHalving.Step> steps,
        IReadOnlyDictionary<string, List<TrialPlan>> trialsOf, HalvingOptions options) => steps
        .SelectMany(step => trialsOf[step.Configuration].Select(t => new Work(t, step.Prune ? null : step.PauseAfter,
            step.Prune ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"asynchronous halving: not among the best {options.Keep:P0} of the configurations " +
                $"that reached epoch {step.Rung} by {options.Metric}") : null)))
        .ToList();

    /// <summary>ASHA: each trial's end or pause at a rung lets the ledger decide, in its fixed order, who goes on and
    /// who stops; the workers take promotions before new configurations.</summary>
    private static void RunAsynchronousHalving(IReadOnlyList<TrialPlan> trials, ResultsLayout layout, WorkerPool run,
        HalvingOptions options, CancellationToken cancel)
    {
        var configurations = trials.GroupBy(SuccessiveHalving.ConfigurationOf)
            .ToDictionary(g => g.Key, g => g.ToList());
        var ledger = new AsyncHalving(trials.Select(SuccessiveHalving.ConfigurationOf).Distinct().ToList(), options);
        List<Work> Work(IEnumerable<AsyncHalving.Step> steps) => HalvingWork(steps, configurations, options);
        AsyncHalving.Arrival ArrivalOf(string configuration, int epoch) =>
            Arrival(configurations[configuration], epoch, run, layout, options);
        run.Execute(Work(ledger.Start()), () => cancel.IsCancellationRequested ? [] : Work(ledger.Update(ArrivalOf)));
    }

    /// <summary>Where a configuration stands at a rung, for the ledger: every seed paused at or past the epoch, or
    /// ended, with the mean metric there.</summary>
    private static AsyncHalving.Arrival Arrival(IReadOnlyList<TrialPlan> trials, int epoch, WorkerPool run,
        ResultsLayout layout, HalvingOptions options)
    {
        double sum = 0;
        bool missing = false, canGoOn = true;
        foreach (var trial in trials)
        {
            var status = run.StatusOf(trial);
            // Still training, or not begun.
            if (status is null && !(run.PausedAt(trial) >= epoch)) return AsyncHalving.Arrival.NotYet;
            // Ended trials go on only if they trained past this rung before (a resumed sweep replays its decisions).
            if (status is not null && !(status.IsFinal && status.EpochsRun > epoch)) canGoOn = false;
            if (MetricAt(layout.Trial(trial.Id), epoch, options.Metric) is double m && double.IsFinite(m)) sum += m;
            else missing = true;
        }
        double mean = sum / trials.Count;
        return new AsyncHalving.Arrival(true, missing ? null : options.Metric.Score(mean), canGoOn);
    }

    /// <summary>A model-based search under asynchronous halving (BOHB's pairing): each trial's end or pause lets the
    /// ledger promote and prune, and may let the search propose its next batch from the metrics at the rungs
    /// (<see cref="SearchHalving"/>); new configurations join the ledger in plan order. Returns the plan as far as it
    /// got.</summary>
    private SweepPlan RunSearchWithHalving(SweepPlan plan, SearchOptions search, HalvingOptions options,
        ResultsLayout layout, WorkerPool run, Action<IReadOnlyList<TrialPlan>> prepare, CancellationToken cancel)
    {
        var metric = search.MetricOr(plan.Spec.Select);
        var fidelity = SearchHalving.Fidelity(plan.Spec, options, layout);
        var made = new List<IReadOnlyDictionary<string, object>>();
        var learned = new List<int?>();
        var trialsOf = new Dictionary<string, List<TrialPlan>>();
        var ledger = new AsyncHalving([], options, complete: false);
        int seeds = plan.Spec.Seeds.Count;
        List<Work> Work(IEnumerable<AsyncHalving.Step> steps) => HalvingWork(steps, trialsOf, options);
        IEnumerable<AsyncHalving.Step> Join(SweepPlan grown)
        {
            var fresh = SearchHalving.Configurations(grown).Where(c => !trialsOf.ContainsKey(c.Key)).ToList();
            foreach (var (key, trials) in fresh) trialsOf[key] = trials;
            var steps = ledger.Add(fresh.Select(c => (c.Key, SearchHalving.ProposalIndex(c.Trials[0], seeds))))
                .ToList();
            if (grown.Search is { Complete: true }) ledger.Complete();
            return steps;
        }
        AsyncHalving.Arrival ArrivalOf(string configuration, int epoch) =>
            Arrival(trialsOf[configuration], epoch, run, layout, options);

        // The search as far as the folder's files let it go (all of it, when a finished sweep runs again).
        void GrowSearch() => Grow(ref plan, SearchPlanner.Plan(plan.Spec,
            t => SearchOutcomes.Of(run.StatusOf(t), metric), made, fidelity, learned), layout, run, prepare);
        GrowSearch();
        var first = Work(Join(plan));
        run.Execute(first, () =>
        {
            if (cancel.IsCancellationRequested) return [];
            // Promotions before new configurations: the ledger's decisions, then the search's next batch.
            var steps = ledger.Update(ArrivalOf);
            GrowSearch();
            steps.AddRange(Join(plan));
            // A configuration that joined may close a rung at once (the search's last): decide again.
            steps.AddRange(ledger.Update(ArrivalOf));
            return Work(steps);
        });
        return plan;
    }

    /// <summary>The sweep file's limits check one trial; --parallel runs several at once, and the largest may meet.
    /// </summary>
    private static void CheckMemory(Dictionary<string, long> memory, int parallel)
    {
        var largest = memory.Values.OrderDescending().Take(parallel).ToList();
        double have = Limits.AvailableMemory * Limits.MemoryShare;
        if (largest.Sum() <= have) return;
        long running = 0;
        int fits = largest.TakeWhile(m => (running += m) <= have).Count();
        throw RunException.CannotStart(
            FormattableString.Invariant($"--parallel {parallel}: the largest trials at once need about ") +
            FormattableString.Invariant($"{largest.Sum() / 1048576.0:N0} MiB, more than the ") +
            FormattableString.Invariant($"{have / 1048576.0:N0} MiB Sweep may use here;"),
            fits >= 1 ? $"run with --parallel {fits}." : "use fewer units or a smaller batch.");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>The metric a trial had after the given epoch, from its metrics.csv.</summary>
    private static double? MetricAt(TrialFolder folder, int epoch, ValidationMetric metric)
    {
        var row = MetricsFile.Read(folder.Metrics).FirstOrDefault(r => r.Epoch == epoch);
        return row is null ? null : metric.Of(row);
    }

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
