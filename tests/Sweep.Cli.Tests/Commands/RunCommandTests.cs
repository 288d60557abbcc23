using Sweep.Harness.Results;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep run` as a script or scheduler sees it: the exit code, and an error that says what to do.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static void NoStackTrace(string output) => Assert.DoesNotContain("   at ", output);

    [Fact]
    public void A_diverging_trial_exits_1_and_is_named_with_its_reason()
    {
        string spec = _files.Write("diverge.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 1.0e12]\n");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "out"), "--progress",
            "plain", "model.activation=identity", "optimizer.name=sgd");
        Assert.Equal(1, code);
        Assert.Matches(@"trial [0-9a-f]{12} diverged: training loss (became NaN or infinite|exploded) in epoch \d",
            output);
        NoStackTrace(output);
    }

    [Theory]
    [InlineData("a-file", "it is a file); choose another with --out")]
    [InlineData("/proc/none", "cannot create the results folder /proc/none")]
    public void A_results_folder_that_cannot_be_made_exits_3_and_says_so(string outName, string message)
    {
        string spec = _files.Write("ok.yaml", SweepFiles.Digits);
        File.WriteAllText(Path.Combine(_files.Dir, "a-file"), "not a folder");
        var (code, printed) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, outName), "--progress",
            "plain"); // a rooted name stays whole
        Assert.Equal(3, code);
        Assert.Contains(message, printed);
        Assert.Contains("run the same command again", printed);
        NoStackTrace(printed);
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard '3/2': give i/n with 0 ≤ i < n")]
    [InlineData("--trial", "nosuchtrial", "no trial 'nosuchtrial' in this sweep")]
    [InlineData("--parallel", "0", "--parallel must be at least 1")]
    public void A_bad_slice_or_parallelism_exits_2_before_anything_is_written(string option, string value,
        string message)
    {
        string spec = _files.Write("ok.yaml", SweepFiles.Digits), output = Path.Combine(_files.Dir, "out");
        var (code, printed) = TestSweeps.Cli("run", spec, "--out", output, option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, printed);
        Assert.False(Directory.Exists(output));
        NoStackTrace(printed);
    }

    [Fact]
    public void A_folder_of_another_sweep_is_refused_and_left_as_it_was()
    {
        string first = _files.Write("first.yaml", SweepFiles.Digits), output = Path.Combine(_files.Dir, "out");
        Assert.Equal(0, TestSweeps.Cli("run", first, "--out", output, "--progress", "plain", "train.epochs=1").Code);
        string sweepFile = File.ReadAllText(Path.Combine(output, "sweep.yaml"));

        string second = _files.Write("second.yaml",
            SweepFiles.Digits.Replace("name: digits-test", "name: other-study"));
        var (code, printed) = TestSweeps.Cli("run", second, "--out", output, "train.epochs=1");
        Assert.Equal(2, code);
        Assert.Contains(
            $"{output} holds the results of sweep 'digits-test', not 'other-study'; choose another folder with --out",
            printed);
        Assert.Equal(sweepFile, File.ReadAllText(Path.Combine(output, "sweep.yaml")));

        // A damaged manifest is damage: named, and left as it is (Sweep never rewrites it), with nothing run.
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{ \"sweep_na");
        (code, printed) = TestSweeps.Cli("run", first, "--out", output, "train.epochs=1");
        Assert.Equal(3, code);
        Assert.Contains("manifest.json: line 1: not a manifest", printed);
        Assert.Equal("{ \"sweep_na", File.ReadAllText(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public void The_manifest_keeps_the_first_runs_facts_and_every_run_is_appended_to_the_invocation_log()
    {
        string spec = _files.Write("log.yaml", SweepFiles.Digits), output = Path.Combine(_files.Dir, "out");
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=1").Code);
        string manifest = File.ReadAllText(Path.Combine(output, "manifest.json"));
        // trains nothing
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=1").Code);
        Assert.Equal(0, TestSweeps.Cli("report", output).Code);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(output, "manifest.json")));

        var log = InvocationLog.Read(new ResultsLayout(output));
        Assert.Equal(["run started", "run ended", "run started", "run ended", "report started", "report ended"],
            log.Select(i => $"{i.Command} {i.Event}"));
        Assert.All(log.Take(4), i => Assert.Equal(["train.epochs=1"], i.Overrides));
        Assert.Equal(["run", spec, "--out", output, "--progress", "plain", "train.epochs=1"], log[0].Arguments);
        Assert.Equal("1 trials, 1 to train, parallel 2",
            log[0].Selection?.Replace($"parallel {Environment.ProcessorCount}", "parallel 2"));
        // One trial for every core's worker: all but one had nothing to do the whole time.
        var idle = System.Text.RegularExpressions.Regex.Match(log[1].Outcome ?? "",
            @"^1 completed; workers idle (\d+\.\d) % of the time$");
        Assert.True(idle.Success, log[1].Outcome);
        if (Environment.ProcessorCount == 2)
            Assert.InRange(double.Parse(idle.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 45,
                60);
        Assert.Equal("1 trials, 0 to train, parallel 2",
            log[2].Selection?.Replace($"parallel {Environment.ProcessorCount}", "parallel 2"));
        Assert.Equal(log[0].Id, log[1].Id);
        Assert.NotEqual(log[0].Id, log[2].Id);
    }

    [Fact]
    public void Compare_refuses_a_folder_compared_with_itself_and_an_out_folder_that_is_an_input()
    {
        string spec = _files.Write("c.yaml", SweepFiles.Digits), a = Path.Combine(_files.Dir, "a"),
            b = Path.Combine(_files.Dir, "b");
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", a, "--progress", "plain", "train.epochs=1").Code);
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", b, "--progress", "plain", "train.epochs=1").Code);
        var (code, printed) = TestSweeps.Cli("compare", a, a + "/");
        Assert.Equal(2, code);
        Assert.Contains("is given twice", printed);
        string chart = File.ReadAllText(Directory.GetFiles(Path.Combine(a, "charts"))[0]);
        (code, printed) = TestSweeps.Cli("compare", a, b, "--out", a);
        Assert.Equal(2, code);
        Assert.Contains($"--out {a} is one of the folders being compared", printed);
        Assert.Equal(chart, File.ReadAllText(Directory.GetFiles(Path.Combine(a, "charts"))[0]));
    }

    [Fact]
    public void Validate_says_when_the_data_set_is_absent_and_how_to_get_it()
    {
        string spec = _files.Write("mnist.yaml",
            "name: m\ndata: { dataset: fashion-mnist }\nmodel: { hidden: [16] }\n");
        // the CLI runs with SWEEP_DATA empty: only data/ is looked in
        var (code, printed) = TestSweeps.Cli("validate", spec);
        Assert.Equal(2, code);
        Assert.Contains("data.dataset: fashion-mnist is not on this machine", printed);
        Assert.Contains("`scripts/sweep data fetch fashion-mnist`", printed);
    }

    [Fact]
    public void A_sweep_without_a_validation_split_is_told_its_winner_would_be_chosen_on_the_test_set()
    {
        string spec = _files.Write("noval.yaml", SweepFiles.Digits.Replace("validation: 0.1", "validation: 0")
            + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        foreach (string command in new[] { "validate", "plan" })
        {
            var (code, printed) = TestSweeps.Cli(command, spec);
            Assert.Equal(0, code);
            Assert.Contains(
                "warning: data.split.validation is 0 for some trials: with no validation split the winner is chosen " +
                "on the test set", printed);
        }
        string output = Path.Combine(_files.Dir, "noval");
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=1").Code);
        Assert.Contains("<b>Chosen on the test set.</b>", File.ReadAllText(Path.Combine(output, "report.html")));
    }

    [Fact]
    public void Quiet_progress_prints_only_the_final_table_and_duplicates_are_counted_before_anything_runs()
    {
        string spec = _files.Write("dup.yaml", SweepFiles.Digits
            + "grid:\n  optimizer.lr: [0.01, 0.003]\nzip:\n  optimizer.lr: [0.01, 0.01]\n  train.batch_size: [16, " +
            "16]\n");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "dup"), "--progress",
            "quiet", "train.epochs=1");
        Assert.True(code == 0, output);
        Assert.Contains("warning: optimizer.lr is varied by more than one factor (grid and zip)", output);
        Assert.Contains(
            "warning: 3 of 4 trials are duplicates of others (the same configuration and seed); each runs once.",
            output); // the zip sets lr last: all four alike
        Assert.DoesNotContain("completed ", output.Split('\n').Where(l => l.StartsWith('[')).DefaultIfEmpty("")
            .First()); // no progress lines at all
        Assert.DoesNotMatch(@"\[\d\d:\d\d:\d\d\]", output);
        Assert.Contains("rank  val_accuracy", output);
        Assert.DoesNotContain("(the best", output); // one configuration: the table lists it whole
    }

    [Fact]
    public void The_closing_table_says_when_it_lists_only_the_best_of_the_configurations()
    {
        string spec = _files.Write("six.yaml", SweepFiles.Digits
            + "grid:\n  optimizer.lr: [0.03, 0.01, 0.003]\n  train.batch_size: [16, 32]\n");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "six"), "--progress",
            "quiet", "train.epochs=1");
        Assert.True(code == 0, output);
        var rows = output.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[1-9]\s")).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Contains("(the best 5 of 6 configurations; all of them are in aggregate.csv and on the page)", output);
    }

    [Fact]
    public async Task Ctrl_c_checkpoints_says_what_a_second_one_would_do_and_exits_130()
    {
        string spec = _files.Write("slow.yaml", SweepFiles.Endless);
        string output = Path.Combine(_files.Dir, "slow");
        var (code, printed) = await TestSweeps.Interrupt(spec, output, 1, TimeSpan.FromMinutes(2));
        Assert.True(code == 130, printed);
        Assert.Contains(
            $"SIG{TestSweeps.InterruptSignal}: stopping after the current epoch of each running trial " +
            "(checkpointed); Ctrl-C again stops at once", printed);
        Assert.Contains("Run the same command again to resume.", printed);
    }
}
