using Sweep.Harness.Plan;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests.Run;

public sealed class PlainReporterTests
{
    private static readonly TrialPlan Trial = new(0, "0123456789ab", new Dictionary<string, object?>(), [KeyValuePair.Create("optimizer.lr", "0.1")], null);

    private static TrialStatus Status(TrialState state, double? testAccuracy, string reason) =>
        new("0123456789ab", "optimizer.lr=0.1", state, reason, "", 3, null, null, testAccuracy, null, 1, 1);

    [Fact]
    public void Each_line_is_timestamped_and_a_finished_trial_shows_its_accuracy_and_or_its_reason()
    {
        var output = new StringWriter();
        var reporter = new PlainReporter(output);
        reporter.SweepStarted([Trial, Trial, Trial], alreadyComplete: 1, parallel: 2);
        reporter.TrialStarted(Trial, resumedFromEpoch: 2);
        reporter.EpochFinished(Trial, new EpochRow(3, 0.5, 0.75, 0.25, 0.875, 0.01, 1.5), epochs: 10);
        reporter.TrialFinished(Trial, Status(TrialState.Completed, 0.9712, ""));
        reporter.TrialFinished(Trial, Status(TrialState.Diverged, null, "training loss became NaN or infinite in epoch 2"));
        reporter.TrialFinished(Trial, Status(TrialState.TimedOut, 0.5, "over its time limit of 60 s after epoch 3"));
        reporter.TrialSkipped(Trial, "another process is running it");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^\[\d\d:\d\d:\d\d\] ", line));
        Assert.Equal([
            "4 trials, 1 already complete, 2 at a time",
            "start  0123456789ab optimizer.lr=0.1 (resuming after epoch 2)",
            "epoch  0123456789ab 3/10 loss 0.5000 acc 0.7500 val_acc 0.8750 (1.50 s)",
            "completed 0123456789ab [2/4] optimizer.lr=0.1: test_acc 0.9712",
            "diverged 0123456789ab [3/4] optimizer.lr=0.1: training loss became NaN or infinite in epoch 2",
            "timed_out 0123456789ab [4/4] optimizer.lr=0.1: test_acc 0.5000 — over its time limit of 60 s after epoch 3",
            "skip   0123456789ab optimizer.lr=0.1: another process is running it",
        ], lines.Select(line => line[11..]));
    }
}
