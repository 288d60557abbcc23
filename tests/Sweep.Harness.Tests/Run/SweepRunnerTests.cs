using Sweep.Core.Training;
using Sweep.Data;
using Sweep.Data.Catalogue;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

public sealed class SweepRunnerTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private SweepOutcome Run(string yaml, string outName, int parallel, DataStore? store = null,
        params string[] overrides) => Run(yaml, outName, parallel, lendIdleCores: true, store, overrides);

    private SweepOutcome Run(string yaml, string outName, int parallel, bool lendIdleCores, DataStore? store = null,
        params string[] overrides)
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write(outName + ".yaml", yaml), overrides));
        return TestSweeps.Run(plan, Path.Combine(_files.Dir, outName), parallel, store, lendIdleCores: lendIdleCores);
    }

    /// <summary>summary.csv without the columns that measure time.</summary>
    internal static string WithoutTiming(string summaryPath)
    {
        var rows = CsvFiles.Read(summaryPath, [], "").Rows;
        return string.Join('\n',
            rows.Select(r => string.Join(',', r.Where(kv => !SummaryFile.TimingColumns.Contains(kv.Key))
            .Select(kv => $"{kv.Key}={kv.Value}"))));
    }

    [Fact]
    public void Parallel_and_sequential_runs_give_the_same_summary()
    {
        string yaml = SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n  model.hidden: [[8], [24]]\n";
        var one = Run(yaml, "p1", parallel: 1, overrides: ["train.epochs=3", "train.dropout=0.1"]);
        var two = Run(yaml, "p2", parallel: 2, overrides: ["train.epochs=3", "train.dropout=0.1"]);
        Assert.True(one.AllCompleted && two.AllCompleted);
        Assert.Equal(WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")),
            WithoutTiming(Path.Combine(two.ResultsDir, "summary.csv")));
        foreach (var status in one.Statuses)
            Assert.Equal(File.ReadAllBytes(Path.Combine(one.ResultsDir, "trials", status.Trial, "model.swnn")),
                File.ReadAllBytes(Path.Combine(two.ResultsDir, "trials", status.Trial, "model.swnn")));
    }

    [Fact]
    public void A_single_trial_at_parallel_2_borrows_the_idle_core_unless_told_not_to_and_gets_the_same_bits()
    {
        // 784 pixels, 6,000 images: a first layer worth sharing, and 3,800 to train on (0.8 of them less the 1,000
        // validation images), 119 batches of 32 an epoch. The lending guard
        // (Core/Training/LendingGuard.cs) takes an offered core at batch Settle + Window = 104 of every epoch and
        // would judge it only at batch 208, after the epoch's end: so once the idle worker offers (it has nothing
        // else to do from the start), 15 batches an epoch are lent whatever the machine's timing, and LentShare > 0
        // does not depend on how fast the lent windows ran.
        var random = new Random(4);
        var lines = new List<string> { "label," + string.Join(',', Enumerable.Range(0, 784).Select(i => $"p{i}")) };
        for (int i = 0; i < 6000; i++)
        {
            int label = random.Next(10);
            lines.Add(label + "," + string.Join(',', Enumerable.Range(0, 784)
                .Select(p => p % 10 == label ? random.Next(128, 256) : random.Next(0, 64))));
        }
        string csv = _files.Write("pixels.csv", string.Join('\n', lines) + "\n");
        string yaml = $$"""
            name: one
            data:
              files:
                csv: {{csv}}
                csv_layout: label_first
              split:
                validation: 1000
            model:
              hidden: [256]
            train:
              epochs: 6
              batch_size: 32
            optimizer:
              name: adam
            """;
        const int batches = (6000 * 4 / 5 - 1000 + 31) / 32;
        int takenAt = LendingGuard.Settle + LendingGuard.Window;
        Assert.True(takenAt < batches && takenAt + LendingGuard.Settle + LendingGuard.Window > batches,
            "the lending guard's windows changed: resize the data so a core is taken and never judged in an epoch");
        var one = Run(yaml, "alone", parallel: 1);
        var two = Run(yaml, "lent", parallel: 2);
        var unlent = Run(yaml, "unlent", parallel: 2, lendIdleCores: false);
        Assert.True(one.AllCompleted && two.AllCompleted && unlent.AllCompleted);
        Assert.Equal(0, one.LentShare);
        Assert.Equal(0, unlent.LentShare);
        Assert.True(two.LentShare > 0, "the second worker was never lent to the trial");
        string trial = one.Statuses.Single().Trial;
        foreach (var other in new[] { two, unlent })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(one.ResultsDir, "trials", trial, "model.swnn")),
                File.ReadAllBytes(Path.Combine(other.ResultsDir, "trials", trial, "model.swnn")));
            Assert.Equal(WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")),
                WithoutTiming(Path.Combine(other.ResultsDir, "summary.csv")));
        }
        Assert.Contains("lent to running trials", File.ReadAllText(Path.Combine(two.ResultsDir, "invocations.jsonl")));
        // The trial says it had a second core, so its time is not read as one core's.
        Assert.True(two.Statuses.Single().LentShare > 0);
        Assert.Equal(0, unlent.Statuses.Single().LentShare);
        Assert.Contains(MetricsFile.Read(Path.Combine(two.ResultsDir, "trials", trial, "metrics.csv")),
            r => r.LentShare > 0);
    }

    [Fact]
    public void A_diverging_trial_and_a_throwing_trial_are_recorded_and_the_others_complete()
    {
        // Linear hidden units and SGD with a huge step blow up; 50 inputs cannot take 64-pixel digits and throw.
        string yaml = """
            name: failures
            data:
              files:
                csv: DIGITS
                csv_layout: digits8x8
              split:
                train: 1000
            model:
              activation: identity
            train:
              epochs: 3
            optimizer:
              name: sgd
            grid:
              optimizer.lr: [0.05, 1.0e12]
              model.layers: [[64, 16, 10], [50, 16, 10]]
            """.Replace("DIGITS", Path.Combine(SweepFiles.RepositoryRoot(), "data", "digits8x8", "digits.csv.gz"));
        var outcome = Run(yaml, "failures", parallel: 2);
        var byName = outcome.Statuses.ToDictionary(s => s.Name);
        Assert.Equal(TrialState.Completed, byName["optimizer.lr=0.05 model.layers=[64,16,10]"].Status);
        Assert.Equal(TrialState.Diverged, byName["optimizer.lr=1000000000000 model.layers=[64,16,10]"].Status);
        Assert.Matches("training loss (became NaN or infinite|exploded) in epoch 1",
            byName["optimizer.lr=1000000000000 model.layers=[64,16,10]"].Reason);
        var thrown = byName["optimizer.lr=0.05 model.layers=[50,16,10]"];
        Assert.Equal(TrialState.Failed, thrown.Status);
        Assert.Contains("64 features", thrown.Reason);
        Assert.False(outcome.AllCompleted);

        var summary = CsvFiles.Read(Path.Combine(outcome.ResultsDir, "summary.csv"), [], "").Rows;
        Assert.Equal(4, summary.Count);
        Assert.Contains(summary, r => r["status"] == "diverged" && r["reason"].StartsWith("training loss",
            StringComparison.Ordinal));
        Assert.Contains(summary, r => r["status"] == "failed" && r["reason"].Contains("64 features"));
    }

    [Fact]
    public void A_second_run_skips_completed_trials()
    {
        string yaml = SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n";
        var first = Run(yaml, "again", parallel: 2);
        var modelTime =
            File.GetLastWriteTimeUtc(Path.Combine(first.ResultsDir, "trials", first.Statuses[0].Trial, "model.swnn"));
        var second = Run(yaml, "again", parallel: 2);
        Assert.Equal(modelTime,
            File.GetLastWriteTimeUtc(Path.Combine(second.ResultsDir, "trials", first.Statuses[0].Trial, "model.swnn")));
        Assert.True(second.AllCompleted);
    }

    [Fact]
    public void Shards_and_single_trials_run_into_one_folder_add_up_to_the_whole_sweep()
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(
                    _files.Write("split.yaml", SweepFiles.Digits
                    + "grid:\n  optimizer.lr: [0.01, 0.003, 0.001]\nseeds: 2\n")));
        var whole = TestSweeps.Run(plan, Path.Combine(_files.Dir, "whole"), 2);
        string shared = Path.Combine(_files.Dir, "shared");
        var runner = new SweepRunner(TestSweeps.ShippedData(), new HookedReporter());

        var first = runner.Run(plan, new RunOptions(shared, 1, Shard: (0, 2)), CancellationToken.None);
        Assert.Equal(plan.Trials.Where(t => t.Index % 2 == 0).Select(t => t.Id), first.Statuses.Select(s => s.Trial));
        // the rest listed as not run yet
        Assert.Equal(6, CsvFiles.Read(Path.Combine(shared, "summary.csv"), [], "").Rows.Count);
        var one = runner.Run(plan, new RunOptions(shared, 1, Trials: [plan.Trials[1].Id]), CancellationToken.None);
        Assert.Equal(plan.Trials[1].Id, Assert.Single(one.Statuses).Trial);
        runner.Run(plan, new RunOptions(shared, 1, Shard: (1, 2)), CancellationToken.None);

        Assert.Equal(WithoutTiming(Path.Combine(whole.ResultsDir, "summary.csv")),
            WithoutTiming(Path.Combine(shared, "summary.csv")));
        Assert.Throws<RunException>(() => runner.Run(plan, new RunOptions(shared, 1, Trials: ["nosuchtrial"]),
            CancellationToken.None));
    }

    [Fact]
    public void A_trial_another_process_holds_is_left_alone_and_reported_as_unfinished()
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(
                    _files.Write("held.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n")));
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "held"));
        var held = layout.Trial(plan.Trials[0].Id);
        Directory.CreateDirectory(held.Dir);
        using (var otherProcess = held.TryLock())
        {
            var outcome = TestSweeps.Run(plan, layout.Root, 2);
            Assert.Equal([plan.Trials[0].Id], outcome.RunningElsewhere);
            Assert.False(outcome.AllCompleted);
            Assert.False(File.Exists(held.Status));
            Assert.Equal(TrialState.Completed, Assert.Single(outcome.Statuses).Status);
        }
        var after = TestSweeps.Run(plan, layout.Root, 2);
        Assert.True(after.AllCompleted);
        Assert.Empty(after.RunningElsewhere);
    }

    /// <summary>
    /// A two-trial sweep whose first trial another process holds in <paramref name="name"/>, and the files that trial
    /// ends with when that process finishes it (trained once elsewhere, to copy in).
    /// </summary>
    private (SweepPlan Plan, ResultsLayout Layout, TrialFolder Held,
        TrialFolder FinishedElsewhere) HeldByAnotherProcess(string name)
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(
                    _files.Write($"{name}.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n")));
        var finishedElsewhere =
            new ResultsLayout(TestSweeps.Run(plan, Path.Combine(_files.Dir, $"{name}-elsewhere"),
            2).ResultsDir).Trial(plan.Trials[0].Id);
        var layout = new ResultsLayout(Path.Combine(_files.Dir, name));
        var held = layout.Trial(plan.Trials[0].Id);
        Directory.CreateDirectory(held.Dir);
        return (plan, layout, held, finishedElsewhere);
    }

    /// <summary>What the other process writes when it finishes the held trial.</summary>
    private static void FinishAsTheOtherProcess(TrialFolder finishedElsewhere, TrialFolder held)
    {
        foreach (string file in Directory.GetFiles(finishedElsewhere.Dir).Where(f => f != finishedElsewhere.Lock))
            File.Copy(file, Path.Combine(held.Dir, Path.GetFileName(file)), overwrite: true);
    }

    [Fact]
    public void A_held_trial_that_the_other_process_finishes_during_the_run_counts_as_complete()
    {
        var (plan, layout, held, finishedElsewhere) = HeldByAnotherProcess("shared");
        using var otherProcess = held.TryLock();

        // The other process writes the trial's files while this run trains the second trial.
        var reporter = new HookedReporter(skipped: _ => FinishAsTheOtherProcess(finishedElsewhere, held));
        var outcome = TestSweeps.Run(plan, layout.Root, 1, reporter: reporter);
        Assert.True(outcome.AllCompleted);
        Assert.Empty(outcome.RunningElsewhere);
        Assert.Equal(2, outcome.Statuses.Count);
        Assert.All(CsvFiles.Read(layout.Summary, [], "").Rows, row => Assert.Equal("completed", row["status"]));
    }

    [Fact]
    public void A_run_asked_to_wait_ends_when_the_other_process_has_finished_the_trial_it_held()
    {
        var (plan, layout, held, finishedElsewhere) = HeldByAnotherProcess("waited");
        var otherProcess = held.TryLock()!;
        // The other process finishes its trial a second after this run has trained the one it could.
        var reporter = new HookedReporter(trialFinished: _ => Task.Run(() =>
        {
            Thread.Sleep(1000);
            FinishAsTheOtherProcess(finishedElsewhere, held);
            otherProcess.Dispose();
        }));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = new SweepRunner(TestSweeps.ShippedData(), reporter).Run(plan,
            new RunOptions(layout.Root, 1, WaitForOthers: true), CancellationToken.None);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "it waited for the other process");
        Assert.True(outcome.AllCompleted);
        Assert.Empty(outcome.RunningElsewhere);
        Assert.Equal(2, outcome.Statuses.Count);
    }

    [Fact]
    public void A_results_folder_that_fails_under_a_worker_stops_the_run_with_the_error_instead_of_the_process()
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(
                    _files.Write("full.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003, 0.001]\n")));
        var diskFull = new HookedReporter(trialFinished: _ => throw new IOException("No space left on device"));
        var error = Assert.Throws<IOException>(() => TestSweeps.Run(plan, Path.Combine(_files.Dir, "full"), 1,
            reporter: diskFull));
        Assert.Equal("No space left on device", error.Message);
        Assert.Single(Directory.GetFiles(Path.Combine(_files.Dir, "full", "trials"), "status.json",
            SearchOption.AllDirectories)); // no trial started after it
    }

    [Fact]
    public void A_missing_data_set_stops_before_any_folder_is_written()
    {
        var store = new DataStore(new DataLocator([Path.Combine(_files.Dir, "empty")]));
        var error = Assert.Throws<DataException>(() => Run(SweepFiles.Digits, "nodata", 1, store));
        Assert.Contains("scripts/sweep data fetch digits8x8", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_files.Dir, "nodata")));
    }
}
