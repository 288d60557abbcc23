using Spectre.Console;
using Sweep.Cli.Progress;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Cli.Tests.Progress;

public sealed class LiveReporterTests
{
    private static TrialPlan Trial(int index, int epochs) =>
        new(index, $"trial{index:D2}", new Dictionary<string, object?> { ["train.epochs"] = epochs },
        [KeyValuePair.Create("optimizer.lr", $"0.{index + 1}")], null);

    private static string Text(LiveReporter reporter, int width = 160)
    {
        var output = new StringWriter();
        var console =
            AnsiConsole.Create(
                new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
                Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = width;
        console.Write(reporter.Render());
        return output.ToString();
    }

    private static TrialStatus Status(string id, TrialState state, double? accuracy, string reason = "") =>
        new(id, id, state, reason, "", 4, null, null, accuracy, null, 1, 1);

    [Fact]
    public void The_view_counts_trials_shows_running_epochs_and_estimates_the_time_left()
    {
        var reporter = new LiveReporter("digits");
        var trials = Enumerable.Range(0, 4).Select(i => Trial(i, 4)).ToList();
        reporter.SweepStarted(trials, alreadyComplete: 1, parallel: 2);
        Assert.Contains("estimating", Text(reporter));

        reporter.TrialStarted(trials[0], 0);
        reporter.EpochFinished(trials[0], new EpochRow(1, 1.0, 0.5, 0.9, 0.61, 0.01, 0.1), 4);
        reporter.TrialStarted(trials[1], 2); // resumed after epoch 2
        reporter.TrialFinished(trials[2], Status("trial02", TrialState.Diverged, null, "training loss became NaN"));
        string text = Text(reporter);

        Assert.Contains("2/5 done", text);
        Assert.Contains("2 running", text);
        Assert.Contains("1 failed", text);
        Assert.Contains("1 left", text);
        Assert.Contains("1/4", text);
        Assert.Contains("val_acc 0.6100", text);
        Assert.Contains("diverged", text);
        Assert.Contains("training loss became NaN", text);
        Assert.Matches(@"ETA \d+:\d\d", text);
    }

    [Fact]
    public void Show_runs_the_sweep_and_returns_its_result()
    {
        var reporter = new LiveReporter("x");
        var console =
            AnsiConsole.Create(
                new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(TextWriter.Null) });
        Assert.Equal(42, reporter.Show(console, () => { Thread.Sleep(300); return 42; }));
    }

    [Fact]
    public void Before_the_sweep_starts_the_view_says_so_rather_than_zero_of_zero()
    {
        string text = Text(new LiveReporter("digits"));
        Assert.Contains("starting", text);
        Assert.DoesNotContain("0/0", text);
        Assert.DoesNotContain("ETA done", text);
    }

    [Fact]
    public void The_header_fits_an_80_column_terminal_without_wrapping_mid_phrase()
    {
        var reporter = new LiveReporter("a-sweep-with-a-long-name");
        var trials = Enumerable.Range(0, 40).Select(i => Trial(i, 30)).ToList();
        reporter.SweepStarted(trials, alreadyComplete: 100, parallel: 16);
        var lines = Text(reporter, width: 80).Split('\n');
        Assert.StartsWith("a-sweep-with-a-long-name  100/140 done · 0 running · 0 failed · 40 left", lines[0]);
        Assert.StartsWith("16 at a time · elapsed", lines[1]);
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 80, l));
    }
}
