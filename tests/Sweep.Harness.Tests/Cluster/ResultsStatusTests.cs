using Sweep.Harness.Cluster;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Cluster;

public sealed class ResultsStatusTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static TrialStatus Status(string id, TrialState state, string reason = "") =>
        new(id, id, state, reason, "", 3, 0.9, 3, 0.9, 0.3, 1, 1);

    [Fact]
    public void Each_trial_is_complete_running_failed_interrupted_or_waiting_from_the_folder_alone()
    {
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "r"));
        Directory.CreateDirectory(layout.TrialsDir);
        CsvFiles.Write(layout.PlanFile, ["index", "trial", "duplicate_of"],
            [[0, "done", null], [1, "cut", null], [2, "busy", null], [3, "bad", null], [4, "stopped", null],
            [5, "killed", null], [6, "later", null], [7, "again", "done"]]);
        foreach (var id in new[] { "done", "cut", "busy", "bad", "stopped", "killed" })
        {
            Directory.CreateDirectory(layout.Trial(id).Dir);
            MetricsFile.Write(layout.Trial(id).Metrics,
                [new EpochRow(1, 1, 0.5, 1, 0.5, 0.1, 1), new EpochRow(2, 1, 0.5, 1, 0.5, 0.1, 1)]);
        }
        Status("done", TrialState.Completed).Save(layout.Trial("done").Status);
        Status("cut", TrialState.Pruned).Save(layout.Trial("cut").Status);
        Status("bad", TrialState.Diverged, "loss became NaN").Save(layout.Trial("bad").Status);
        Status("stopped", TrialState.Interrupted).Save(layout.Trial("stopped").Status);
        using var held = new FileStream(layout.Trial("busy").Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.None);

        // The running trial's config says 5 epochs: 2 done at 1 s each leave about 3 s.
        File.WriteAllText(layout.Trial("busy").Config, "# trial busy\ntrain.epochs: 5\n");

        var status = ResultsStatus.Read(layout.Root);
        // the duplicate is not counted
        Assert.Equal(["done", "cut", "busy", "bad", "stopped", "killed", "later"], status.Trials.Select(t => t.Trial));
        Assert.Equal(["completed", "pruned", "running", "diverged", "interrupted", "interrupted", "waiting"],
            status.Trials.Select(t => t.Label));
        var busy = status.Trials.Single(t => t.Trial == "busy");
        Assert.Equal((2, 5), (busy.Epochs, busy.TotalEpochs));
        Assert.Equal(TimeSpan.FromSeconds(3), busy.TimeLeft);
        Assert.Contains("loss became NaN", status.Trials.Single(t => t.Trial == "bad").Detail);
        Assert.Equal(1, status.Count("pruned"));
        Assert.Equal(1, status.Count("completed"));
    }

    [Fact]
    public void The_cli_counts_each_state_apart_and_shows_a_running_trials_epochs_and_time_left()
    {
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "cli"));
        Directory.CreateDirectory(layout.Trial("busy").Dir);
        Directory.CreateDirectory(layout.Trial("cut").Dir);
        CsvFiles.Write(layout.PlanFile, ["index", "trial", "duplicate_of"],
            [[0, "busy", null], [1, "cut", null], [2, "later", null]]);
        MetricsFile.Write(layout.Trial("busy").Metrics, [new EpochRow(1, 1, 0.5, 1, 0.5, 0.1, 20)]);
        File.WriteAllText(layout.Trial("busy").Config, "train.epochs: 4\n");
        Status("cut", TrialState.Pruned).Save(layout.Trial("cut").Status);
        using var held = new FileStream(layout.Trial("busy").Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite,
            FileShare.None);
        var (code, output) = TestSweeps.Cli("status", layout.Root);
        Assert.True(code == 0, output);
        Assert.Contains("3 trials: 0 completed, 1 pruned, 1 running, 1 waiting", output);
        Assert.Matches(@"busy\s+running\s+1/4\s+60 s", output);
    }

    [Fact]
    public void Squeue_is_asked_only_for_a_submitted_sweep_and_not_waited_for_past_a_few_seconds()
    {
        // A squeue that logs its call and then hangs, as Slurm's does for ~9 s when its controller is down.
        string bin = Path.Combine(_files.Dir, "bin"), calls = Path.Combine(_files.Dir, "squeue-calls");
        Directory.CreateDirectory(bin);
        string squeue = Path.Combine(bin, "squeue");
        File.WriteAllText(squeue, $"#!/bin/sh\necho called >> '{calls}'\nsleep 60\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(squeue, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var path = new Dictionary<string, string>
            { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "local"));
        Directory.CreateDirectory(layout.TrialsDir);
        CsvFiles.Write(layout.PlanFile, ["index", "trial", "duplicate_of"], [[0, "a", null]]);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, _) = TestSweeps.CliMeasured(path, "status", layout.Root);
        Assert.True(code == 0, output);
        Assert.False(File.Exists(calls), "status asked squeue about a sweep that was run here");
        Assert.DoesNotContain("squeue", output);

        Directory.CreateDirectory(layout.SlurmDir); // what submit leaves
        clock.Restart();
        (code, output, _) = TestSweeps.CliMeasured(path, "status", layout.Root);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(calls));
        Assert.Contains("1 trials: 0 completed, 0 running, 1 waiting", output);
        Assert.Contains("squeue did not answer within 5 s (is the Slurm controller up?); the counts above are from " +
            "the results folder alone.", output);
        Assert.InRange(clock.Elapsed.TotalSeconds, 4.5, 30); // waited its 5 s, not squeue's 60
    }

    [Fact]
    public void A_sweep_file_given_to_status_is_told_to_give_a_results_folder()
    {
        string yaml = _files.Write("s.yaml", "name: x\n");
        var (code, output) = TestSweeps.Cli("status", yaml);
        Assert.Equal(2, code);
        Assert.Contains("is a file; status takes a results folder, e.g. results/<sweep name>", output);
    }

    [Fact]
    public void A_folder_that_is_not_a_results_folder_is_a_clear_error()
    {
        Assert.Contains("has no plan.csv",
            Assert.Throws<ResultsFolderException>(() => ResultsStatus.Read(_files.Dir)).Message);
        File.WriteAllText(Path.Combine(_files.Dir, "plan.csv"), "a,b\n1,2\n");
        Assert.Contains("line 1: no 'index' column",
            Assert.Throws<ResultsFileException>(() => ResultsStatus.Read(_files.Dir)).Message);
    }
}
