using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

/// <summary>How one trial ends: early stopping, its time limit, and a stop and resume that change no number.</summary>
public sealed class TrialRunnerTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private SweepPlan Plan(string name, params string[] overrides) =>
        Expansion.Expand(SpecReader.Read(_files.Write(name + ".yaml", SweepFiles.Digits), overrides));

    private SweepOutcome Run(SweepPlan plan, string outName, IRunReporter? reporter = null,
        CancellationToken cancel = default) =>
        TestSweeps.Run(plan, Path.Combine(_files.Dir, outName), 2, reporter: reporter, cancel: cancel);

    [Fact]
    public void Early_stopping_ends_a_trial_patience_epochs_after_its_best_and_says_so()
    {
        var outcome = Run(Plan("patient", "train.epochs=200", "train.early_stopping.patience=3"), "patient");
        var status = Assert.Single(outcome.Statuses);
        Assert.Equal(TrialState.Completed, status.Status);
        Assert.True(status.EpochsRun < 200, $"ran all {status.EpochsRun} epochs");
        Assert.Equal(status.BestEpoch + 3, status.EpochsRun);
        Assert.Equal($"early stopping: val_accuracy did not improve for 3 epochs after epoch {status.BestEpoch}",
            status.StopReason);
        Assert.Equal(status.EpochsRun,
            MetricsFile.Read(Path.Combine(outcome.ResultsDir, "trials", status.Trial, "metrics.csv")).Count);
    }

    [Fact]
    public void A_trial_over_its_time_limit_is_timed_out_evaluated_and_fails_the_sweep()
    {
        var outcome = Run(Plan("hurried", "train.time_limit=1e-9s"), "hurried");
        var status = Assert.Single(outcome.Statuses);
        Assert.Equal(TrialState.TimedOut, status.Status);
        Assert.Equal(1, status.EpochsRun);
        Assert.StartsWith("over its time limit of 0 s after epoch 1", status.Reason);
        Assert.NotNull(status.TestAccuracy);
        Assert.False(outcome.AllCompleted);
        Assert.Equal("timed_out",
            Assert.Single(CsvFiles.Read(Path.Combine(outcome.ResultsDir, "summary.csv"), [], "").Rows)["status"]);
    }

    [Fact]
    public void A_run_stopped_mid_trial_resumes_to_the_numbers_and_weights_of_an_unstopped_one()
    {
        string[] grid = ["train.epochs=8", "train.dropout=0.1", "optimizer.lr=[0.01,0.003]"];
        var straight = Run(Plan("straight", grid), "straight");

        // Ctrl-C as the runner sees it: the token is cancelled after a trial's third epoch.
        using var stop = new CancellationTokenSource();
        var reporter = new HookedReporter(epochFinished: (_, row) => { if (row.Epoch == 3) stop.Cancel(); });
        var stopped = Run(Plan("stopped", grid), "stopped", reporter, stop.Token);
        Assert.Contains(stopped.Statuses, s => s.Status == TrialState.Interrupted && s.EpochsRun < 8);
        Assert.DoesNotContain(stopped.Statuses, s => s.Status == TrialState.Completed);

        var resumed = Run(Plan("stopped", grid), "stopped");
        Assert.True(resumed.AllCompleted);
        Assert.Equal(SweepRunnerTests.WithoutTiming(Path.Combine(straight.ResultsDir, "summary.csv")),
            SweepRunnerTests.WithoutTiming(Path.Combine(resumed.ResultsDir, "summary.csv")));
        foreach (var status in straight.Statuses)
            Assert.Equal(File.ReadAllBytes(Path.Combine(straight.ResultsDir, "trials", status.Trial, "model.swnn")),
                File.ReadAllBytes(Path.Combine(resumed.ResultsDir, "trials", status.Trial, "model.swnn")));
    }

    [Fact]
    public void A_split_the_data_cannot_give_fails_the_trial_naming_the_keys()
    {
        // 1,797 digits: a training split of all of them leaves nothing to test on. The data layer says so in its own
        // words; the harness names the sweep keys.
        var plan =
            Expansion.Expand(
                SpecReader.Read(_files.Write("split.yaml", SweepFiles.Digits.Replace("train: 1000", "train: 1797"))));
        var status = TestSweeps.Run(plan, Path.Combine(_files.Dir, "split"), 1).Statuses.Single();
        Assert.Equal(TrialState.Failed, status.Status);
        Assert.StartsWith("data.split: a training split of 1797 leaves no samples for the test split", status.Reason);
        Assert.EndsWith("Change data.split.train, data.split.validation or data.limit.", status.Reason);
    }
}
