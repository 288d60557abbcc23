namespace Sweep.Harness.Tests.Cli;

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
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "out"), "--progress", "plain", "model.activation=identity", "optimizer.name=sgd");
        Assert.Equal(1, code);
        Assert.Matches(@"trial [0-9a-f]{12} diverged: training loss became NaN or infinite in epoch \d", output);
        NoStackTrace(output);
    }

    [Theory]
    [InlineData("a-file", "it is a file); choose another with --out")]
    [InlineData("/proc/none", "cannot create the results folder /proc/none")]
    public void A_results_folder_that_cannot_be_made_exits_3_and_says_so(string outName, string message)
    {
        string spec = _files.Write("ok.yaml", SweepFiles.Digits);
        File.WriteAllText(Path.Combine(_files.Dir, "a-file"), "not a folder");
        var (code, printed) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, outName), "--progress", "plain"); // a rooted name stays whole
        Assert.Equal(3, code);
        Assert.Contains(message, printed);
        Assert.Contains("run the same command again", printed);
        NoStackTrace(printed);
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard '3/2': give i/n with 0 ≤ i < n")]
    [InlineData("--trial", "nosuchtrial", "no trial 'nosuchtrial' in this sweep")]
    [InlineData("--parallel", "0", "--parallel must be at least 1")]
    public void A_bad_slice_or_parallelism_exits_2_before_anything_is_written(string option, string value, string message)
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

        string second = _files.Write("second.yaml", SweepFiles.Digits.Replace("name: digits-test", "name: other-study"));
        var (code, printed) = TestSweeps.Cli("run", second, "--out", output, "train.epochs=1");
        Assert.Equal(2, code);
        Assert.Contains($"{output} holds the results of sweep 'digits-test', not 'other-study'; choose another folder with --out", printed);
        Assert.Equal(sweepFile, File.ReadAllText(Path.Combine(output, "sweep.yaml")));

        // A manifest that cannot be read names no sweep, so it refuses nothing; the run writes a whole one.
        File.WriteAllText(Path.Combine(output, "manifest.json"), "{ \"sweep_na");
        Assert.Equal(0, TestSweeps.Cli("run", first, "--out", output, "train.epochs=1").Code);
        Assert.Contains("\"sweep_name\": \"digits-test\"", File.ReadAllText(Path.Combine(output, "manifest.json")));
    }
}
