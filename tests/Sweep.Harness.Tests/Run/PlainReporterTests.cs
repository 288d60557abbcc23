using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

public sealed class PlainReporterTests
{
    private static readonly TrialPlan Trial = new(0, "0123456789ab", new Dictionary<string, object?>(),
        [KeyValuePair.Create("optimizer.lr", "0.1")], null);

    private static TrialStatus Status(TrialState state, double? testAccuracy, string reason) =>
        new("0123456789ab", "optimizer.lr=0.1", state, reason, "", 3, null, null, testAccuracy, null, 1, 1);

    [Fact]
    public void Each_line_is_timestamped_and_a_finished_trial_shows_its_accuracy_and_or_its_reason()
    {
        var output = new StringWriter();
        var reporter = new PlainReporter(output);
        reporter.SweepStarted([Trial, Trial], alreadyComplete: 1, parallel: 2);
        reporter.TrialsProposed([Trial]);
        reporter.TrialStarted(Trial, resumedFromEpoch: 2);
        reporter.TrialStarted(Trial, resumedFromEpoch: 3, promoted: true); // halving let it go on: not a recovery
        reporter.EpochFinished(Trial, new EpochRow(3, 0.5, 0.75, 0.25, 0.875, 0.01, 1.5), epochs: 10);
        reporter.TrialFinished(Trial, Status(TrialState.Completed, 0.9712, ""));
        reporter.TrialFinished(Trial,
            Status(TrialState.Diverged, null, "training loss became NaN or infinite in epoch 2"));
        reporter.TrialFinished(Trial, Status(TrialState.TimedOut, 0.5, "over its time limit of 60 s after epoch 3"));
        reporter.TrialSkipped(Trial, "another process is running it");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.Matches(@"^\[\d\d:\d\d:\d\d\] ", line));
        Assert.Equal([
            "3 trials, 1 already complete, 2 at a time",
            "the search proposed 1 more trial from the results so far (4 in all)",
            "resume 0123456789ab optimizer.lr=0.1 (resuming after epoch 2)",
            "promote 0123456789ab optimizer.lr=0.1 (among the best at epoch 3: trains on)",
            "completed 0123456789ab [2/4] optimizer.lr=0.1 (3 epochs, 1.0 s): test_acc 0.9712",
            "diverged 0123456789ab [3/4] optimizer.lr=0.1 (3 epochs, 1.0 s): training loss became NaN or infinite in " +
                "epoch 2",
            "timed_out 0123456789ab [4/4] optimizer.lr=0.1 (3 epochs, 1.0 s): test_acc 0.5000 — over its time limit " +
                "of 60 s after epoch 3",
            "skip   0123456789ab optimizer.lr=0.1: another process is running it",
        ], lines.Select(line => line[11..]));
    }

    [Fact]
    public void A_trial_shorter_than_a_tenth_of_a_second_shows_milliseconds_not_zero_seconds()
    {
        var output = new StringWriter();
        var reporter = new PlainReporter(output);
        reporter.SweepStarted([Trial], alreadyComplete: 0, parallel: 1);
        reporter.TrialFinished(Trial, Status(TrialState.Completed, 0.97, "") with { TrainSeconds = 0.042 });
        Assert.Contains("(3 epochs, 42 ms)", output.ToString());
    }

    [Fact]
    public void Epochs_are_not_listed_but_an_overall_line_with_the_time_left_comes_every_interval()
    {
        var output = new StringWriter();
        var reporter = new PlainReporter(output, interval: TimeSpan.Zero); // every epoch, for the test
        var trial = Trial with { Config = new Dictionary<string, object?> { ["train.epochs"] = 4 } };
        reporter.SweepStarted([trial, trial with { Id = "ba9876543210" }], alreadyComplete: 0, parallel: 1);
        reporter.TrialStarted(trial, resumedFromEpoch: 0);
        reporter.EpochFinished(trial, new EpochRow(1, 0.5, 0.75, 0.25, 0.875, 0.01, 1.5), epochs: 4);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[11..]).ToList();
        // the start line, then the overall line: no epoch line, no start line for a fresh trial
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^0/2 trials done, 1 running, about \d+ s left$", lines[1]);
    }

    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(600, "10 min")]
    [InlineData(3 * 3600 + 1800, "3.5 h")]
    public void Durations_read_as_people_say_them(int seconds, string said) =>
        Assert.Equal(said, PlainReporter.Duration(TimeSpan.FromSeconds(seconds)));
}
