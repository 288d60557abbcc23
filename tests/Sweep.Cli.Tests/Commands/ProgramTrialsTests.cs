using System.Diagnostics;
using Sweep.Harness.Results;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// A user's own program as the trials, through the real CLI: the shipped example (softmax regression in plain Python
/// on the 8×8 digits) as a 2 × 2 × 2 grid at --parallel 2, killed with -9 and run again; a program that fails; a
/// value full of shell metacharacters; a program that runs over its time limit or diverges; halving through
/// {epochs}. Each needs python3 and says skipped without it.
/// </summary>
public sealed class ProgramTrialsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static string Example => Path.Combine(SweepFiles.RepositoryRoot(), "experiments", "programs");

    private static bool HasPython => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(dir => File.Exists(Path.Combine(dir, "python3")));

    /// <summary>The example's program in a sweep of this test's own: 2 × 2 × 2 (lr, l2, seeds), 3 epochs, each start
    /// logged to <paramref name="log"/>.</summary>
    private string GridSpec(string log, int epochs = 3) => _files.Write("grid.yaml", $$"""
        name: program-grid
        program:
          command: [python3, digits_softmax.py, "--lr={lr}", "--l2={l2}", "--seed={seed}", "--epochs={epochs}",
                    "--checkpoint={trial_dir}/checkpoint.json", "--log={{log}}"]
          resume: ["--resume={trial_dir}/checkpoint.json"]
          workdir: {{Example}}
          epochs: {{epochs}}
        grid:
          lr: [0.3, 0.03]
          l2: [0, 0.01]
        seeds: 2

        """);

    [SkippableFact]
    public void A_grid_of_program_runs_at_parallel_2_holds_each_programs_last_reported_metric()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        string log = Path.Combine(_files.Dir, "starts.log");
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", GridSpec(log), "--out", results, "--progress", "plain",
            "--parallel", "2");
        Assert.True(code == 0, output);
        var summary = SweepResults.Load(results);
        Assert.Equal(8, summary.Trials.Count);
        Assert.Equal(["lr", "l2"], summary.SettingKeys);
        foreach (var trial in summary.Trials)
        {
            Assert.Equal(TrialState.Completed, trial.Status);
            // The program's own last line, read from its log, is the summary's value.
            string last = File.ReadLines(Path.Combine(results, "trials", trial.Id, "stdout.log"))
                .Last(l => l.StartsWith('{'));
            using var json = System.Text.Json.JsonDocument.Parse(last);
            Assert.Equal(3, json.RootElement.GetProperty("epoch").GetInt32());
            Assert.Equal(json.RootElement.GetProperty("val_accuracy").GetDouble(), trial.ValidationAccuracy);
            Assert.Equal(json.RootElement.GetProperty("test_accuracy").GetDouble(), trial.TestAccuracy);
            Assert.Equal(3, trial.Metrics.Count);
        }
        // Every value reached its program: lr and l2 as plan shows them, the seeds 1 and 2.
        var starts = File.ReadAllLines(log);
        Assert.Equal(8, starts.Length);
        Assert.Contains(starts, l => l.Contains("lr=0.03 l2=0.01 seed=2"));
        // The page is drawn from the program's metrics, with its keys.
        string page = File.ReadAllText(Path.Combine(results, "report.html"));
        Assert.Contains("Best configuration:", page);
        Assert.Contains("lr=0.3", page);
    }

    [SkippableFact]
    public async Task Kill_9_mid_run_then_the_same_command_completes_and_finished_trials_are_not_started_again()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        string log = Path.Combine(_files.Dir, "starts.log");
        string results = Path.Combine(_files.Dir, "r");
        string spec = GridSpec(log, epochs: 12);
        using (var run = TestSweeps.StartCli("run", spec, "--out", results, "--progress", "plain", "--parallel", "1"))
        {
            var output = run.StandardOutput.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            // Two trials finished and a third some epochs in.
            while (Finished(results) < 2 || !UnderWay(results))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2) && !run.HasExited, "no two trials finished");
                await Task.Delay(20);
            }
            string pidFile = Directory.GetFiles(Path.Combine(results, "trials"), "program.pid",
                SearchOption.AllDirectories).Single();
            int program = int.Parse(File.ReadAllText(pidFile).Split(' ')[0]);
            run.Kill(); // SIGKILL, to the CLI alone: its program is left to notice
            await run.WaitForExitAsync();
            await output;
            // No orphan: the program's next line meets a closed pipe, and it ends.
            clock.Restart();
            while (IsRunning(program))
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"program {program} outlived the run");
                await Task.Delay(50);
            }
        }
        var finishedBefore = Directory.GetDirectories(Path.Combine(results, "trials"))
            .Where(d => File.Exists(Path.Combine(d, "status.json"))).Select(Path.GetFileName).ToList();
        Assert.InRange(finishedBefore.Count, 2, 7);

        var (code, again) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain", "--parallel", "1");
        Assert.True(code == 0, again);
        Assert.Equal(8, SweepResults.Load(results).Trials.Count(t => t.Status == TrialState.Completed));
        var starts = File.ReadAllLines(log);
        foreach (string? id in finishedBefore)
            Assert.Single(starts, l => l.StartsWith($"start {id} ", StringComparison.Ordinal));
        // The one killed mid-way went on from its checkpoint, through resume:.
        Assert.Contains(starts, l => l.EndsWith("resume=True", StringComparison.Ordinal));
        Assert.Equal(8, starts.Select(l => l.Split(' ')[1]).Distinct().Count());
    }

    /// <summary>Whether a process exists and is not a zombie waiting to be reaped.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException) { return false; }
    }

    /// <summary>Whether a trial has reported an epoch and not ended.</summary>
    private static bool UnderWay(string results) => Directory.Exists(Path.Combine(results, "trials"))
        && Directory.GetDirectories(Path.Combine(results, "trials")).Any(d =>
        File.Exists(Path.Combine(d, "metrics.csv")) && !File.Exists(Path.Combine(d, "status.json")));

    private static int Finished(string results) => !Directory.Exists(Path.Combine(results, "trials")) ? 0
        : Directory.GetDirectories(Path.Combine(results, "trials"))
        .Count(d => File.Exists(Path.Combine(d, "status.json")));

    [SkippableFact]
    public void A_failing_program_is_a_failed_trial_with_the_tail_of_its_stderr_and_the_run_exits_1()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        _files.Write("fails.py", """
            import json, sys
            print(json.dumps({"epoch": 1, "val_accuracy": 0.5}))
            if sys.argv[1] == "64":
                print("Traceback (most recent call last):", file=sys.stderr)
                print("ValueError: width 64 does not fit", file=sys.stderr)
                sys.exit(3)
            """);
        string spec = _files.Write("f.yaml", """
            name: fails
            program:
              command: [python3, fails.py, "{width}"]
            grid:
              width: [16, 64]

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain");
        Assert.True(code == 1, output);
        var trials = SweepResults.Load(results).Trials;
        Assert.Equal(TrialState.Completed, trials.Single(t => t.Values["width"] == "16").Status);
        var failed = trials.Single(t => t.Values["width"] == "64");
        Assert.Equal(TrialState.Failed, failed.Status);
        Assert.Contains("exited with code 3", failed.Reason);
        Assert.Contains("ValueError: width 64 does not fit", failed.Reason);
        Assert.Contains("ValueError: width 64 does not fit", output);
        Assert.Contains("ValueError", File.ReadAllText(Path.Combine(results, "trials", failed.Id, "stderr.log")));
    }

    [SkippableFact]
    public void A_value_with_shell_metacharacters_reaches_the_program_as_that_literal_text()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        _files.Write("echo.py", """
            import json, sys
            open(sys.argv[1], "w").write(sys.argv[2])
            print(json.dumps({"epoch": 1, "val_accuracy": 0.5}))
            """);
        string spec = _files.Write("e.yaml", """
            name: literal
            program:
              command: [python3, echo.py, "{trial_dir}/got.txt", "{text}"]
            grid:
              text: ["a;touch pwned;b", "$(touch pwned2) `touch pwned3` | > x && y", "it's \"quoted\" *"]

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet");
        Assert.True(code == 0, output);
        var got = SweepResults.Load(results).Trials
            .Select(t => File.ReadAllText(Path.Combine(results, "trials", t.Id, "got.txt"))).ToList();
        Assert.Equal(["a;touch pwned;b", "$(touch pwned2) `touch pwned3` | > x && y", "it's \"quoted\" *"], got);
        Assert.Empty(Directory.GetFiles(_files.Dir, "pwned*"));
    }

    [SkippableFact]
    public void A_program_over_its_time_limit_is_timed_out_and_one_that_reports_a_nan_loss_diverged()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        _files.Write("slow.py", """
            import json, sys, time
            for epoch in range(1, 100):
                loss = float("nan") if sys.argv[1] == "nan" and epoch == 2 else 1.0 / epoch
                print(json.dumps({"epoch": epoch, "train_loss": loss, "val_accuracy": 0.1 * epoch}), flush=True)
                time.sleep(0.2)
            """);
        string spec = _files.Write("s.yaml", """
            name: limits
            program:
              command: [python3, slow.py, "{mode}"]
              time_limit: 2s
            grid:
              mode: [slow, nan]

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain");
        Assert.True(code == 1, output);
        var trials = SweepResults.Load(results).Trials;
        var slow = trials.Single(t => t.Values["mode"] == "slow");
        Assert.Equal(TrialState.TimedOut, slow.Status);
        Assert.InRange(slow.Epochs, 2, 15);
        var nan = trials.Single(t => t.Values["mode"] == "nan");
        Assert.Equal(TrialState.Diverged, nan.Status);
        Assert.Contains("train_loss became NaN or infinite in epoch 2", nan.Reason);
        // Python writes NaN bare, which is not JSON: read as the NaN it means. The epoch that blew up is the reason,
        // not a row (as for Sweep's own trials).
        Assert.Equal(1, nan.Epochs);
    }

    [SkippableFact]
    public void Halving_reruns_a_promoted_program_to_the_next_rung_through_epochs()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        string spec = _files.Write("h.yaml", $$"""
            name: halving
            program:
              command: [python3, digits_softmax.py, "--lr={lr}", "--seed={seed}", "--epochs={epochs}"]
              workdir: {{Example}}
              epochs: 4
            grid:
              lr: [0.3, 0.1, 0.01, 0.001]
            halving:
              rungs: [1, 2]
              keep: 0.5

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain");
        Assert.True(code == 0, output);
        var trials = SweepResults.Load(results).Trials;
        Assert.Equal(2, trials.Count(t => t.Status == TrialState.Pruned && t.Epochs == 1));
        Assert.Equal(1, trials.Count(t => t.Status == TrialState.Pruned && t.Epochs == 2));
        var winner = Assert.Single(trials, t => t.Status == TrialState.Completed);
        Assert.Equal(4, winner.Epochs);
        Assert.Equal("0.3", winner.Values["lr"]);
    }

    [SkippableFact]
    public void A_tpe_search_with_asynchronous_halving_proposes_and_prunes_program_trials()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        string spec = _files.Write("t.yaml", $$"""
            name: tpe-program
            program:
              command: [python3, digits_softmax.py, "--lr={lr}", "--l2={l2}", "--seed={seed}", "--epochs={epochs}",
                        "--checkpoint={trial_dir}/c.json"]
              resume: ["--resume={trial_dir}/c.json"]
              workdir: {{Example}}
              epochs: 4
            search:
              method: tpe
              count: 8
              startup: 4
              batch: 2
              lr: { loguniform: [0.001, 1] }
              l2: { uniform: [0, 0.01] }
            halving:
              rungs: [1, 2]
              asynchronous: true

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain", "--parallel", "2");
        Assert.True(code == 0, output);
        var trials = SweepResults.Load(results).Trials;
        Assert.Equal(8, trials.Count);
        Assert.All(trials, t => Assert.Contains(t.Status, new TrialState?[] { TrialState.Completed,
            TrialState.Pruned }));
        Assert.Contains(trials, t => t.Status == TrialState.Pruned);
        Assert.Contains(trials, t => t.Status == TrialState.Completed && t.Epochs == 4);
        // The same file proposes the same trials again: the plan is the folder's.
        var (again, log) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain");
        Assert.True(again == 0, log);
        Assert.Equal(trials.Select(t => t.Id), SweepResults.Load(results).Trials.Select(t => t.Id));
    }

    [SkippableFact]
    public async Task Ctrl_c_stops_the_programs_at_once_exits_130_and_a_rerun_finishes_them()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        _files.Write("steady.py", """
            import json, sys, time
            for epoch in range(1, int(sys.argv[1]) + 1):
                time.sleep(0.3)
                print(json.dumps({"epoch": epoch, "val_accuracy": epoch / 100}))
            """);
        string spec = _files.Write("c.yaml", """
            name: steady
            program:
              command: [python3, steady.py, "{epochs}"]
              epochs: 20
            grid:
              w: [1, 2]

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (stopped, said) = await TestSweeps.Interrupt(spec, results, 1, TimeSpan.FromMinutes(1), "--parallel", "2");
        Assert.True(stopped == 130, said);
        Assert.Contains("stopping each running trial's program", said);
        Assert.All(SweepResults.Load(results).Trials, t => Assert.Equal(TrialState.Interrupted, t.Status));
        Assert.Empty(Directory.GetFiles(results, "program.pid", SearchOption.AllDirectories));
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet", "--parallel", "2");
        Assert.True(code == 0, output);
        Assert.All(SweepResults.Load(results).Trials, t => Assert.Equal(20, t.Epochs));
    }

    [SkippableFact]
    public void A_program_can_be_selected_by_a_validation_metric_of_its_own_named_in_summary_csv()
    {
        Skip.IfNot(HasPython, "python3 is not on PATH");
        _files.Write("f1.py", """
            import json, sys
            accuracy, f1 = float(sys.argv[1]), float(sys.argv[2])
            for epoch in (1, 2):
                print(json.dumps({"epoch": epoch, "val_accuracy": accuracy, "val_f1": f1 * epoch / 2,
                                  "val_calibration_loss": 1 - f1}))
            """);
        string spec = _files.Write("f1.yaml", """
            name: own-metric
            program:
              command: [python3, f1.py, "{acc}", "{f1}"]
            select: val_f1
            zip:
              acc: [0.9, 0.8, 0.7]
              f1: [0.5, 0.9, 0.6]

            """);
        string results = Path.Combine(_files.Dir, "r");
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "plain");
        Assert.True(code == 0, output);
        Assert.Contains("1     0.9000", output); // the closing table ranks by val_f1: acc=0.8 first
        string header = File.ReadLines(Path.Combine(results, "summary.csv")).First();
        Assert.Contains(",val_f1,", header);
        var loaded = SweepResults.Load(results);
        Assert.Equal(["acc", "f1"], loaded.SettingKeys);
        var best = Aggregation.ByConfiguration(loaded).First();
        Assert.Equal("0.8", best.Trials[0].Values["acc"]);
        Assert.Contains("val_f1,val_calibration_loss", File.ReadLines(Path.Combine(results, "trials",
            best.Trials[0].Id, "metrics.csv")).First());
        // A loss of its own is minimised.
        var (again, log) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "r2"), "--progress", "quiet",
            "select=val_calibration_loss");
        Assert.True(again == 0, log);
        Assert.Equal("0.8", Aggregation.ByConfiguration(SweepResults.Load(Path.Combine(_files.Dir, "r2"))).First()
            .Trials[0].Values["acc"]);
    }
}
