using System.Diagnostics;
using Sweep.Harness.Cluster;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;
using Sweep.Harness.Tests.Run;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Cluster;

/// <summary>One self-contained build of the CLI for all the cluster tests (publishing takes a while).</summary>
public sealed class PublishedBin : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("sweep-bin-").FullName;
    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>Submits sweeps to the real one-node Slurm cluster of scripts/slurm-local and checks what comes
/// back.</summary>
[Collection(PublishedCliCollection.Name)]
public sealed class SlurmSubmitTests(PublishedBin bin) : IClassFixture<PublishedBin>, IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private (int Code, string Output) Submit(string spec, string output, params string[] more) =>
        TestSweeps.Cli(["submit", spec, .. more, "--out", output, "--bin", bin.Dir, "--max-running", "2"]);

    /// <summary>Waits until Slurm has no job of this sweep left (the array and the report job after it).</summary>
    private static void WaitForJobs(string jobName, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> Jobs(string name) => Slurm.Queue(name, TimeSpan.FromSeconds(30)).Jobs;
        while (Jobs(jobName).Count > 0 || Jobs(jobName + "-report").Count > 0)
        {
            Assert.True(clock.Elapsed < limit,
                $"jobs of {jobName} still queued after {limit}: {string.Join("; ", Jobs(jobName))}");
            Thread.Sleep(500);
        }
    }

    private string LocalSummary(string spec, params string[] overrides)
    {
        var plan = Expansion.Expand(SpecReader.Read(spec, overrides));
        var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "local"), 2);
        return SweepRunnerTests.WithoutTiming(Path.Combine(outcome.ResultsDir, "summary.csv"));
    }

    [SlurmFact]
    public void The_quickstart_submitted_as_an_array_comes_back_with_the_summary_of_a_local_run()
    {
        string spec = Path.Combine(SweepFiles.RepositoryRoot(), "experiments", "quickstart.yaml"),
            output = Path.Combine(_files.Dir, "cluster");
        string[] shorter = ["train.epochs=6"];
        var (code, log) = Submit(spec, output, [.. shorter, "--trials-per-task", "2"]);
        Assert.True(code == 0, log);
        Assert.Matches(@"Submitted array job \d+: 8 trials in 4 tasks", log);
        WaitForJobs("sweep-quickstart", TimeSpan.FromMinutes(5));

        Assert.Equal(LocalSummary(spec, shorter), SweepRunnerTests.WithoutTiming(Path.Combine(output, "summary.csv")));
        Assert.True(File.Exists(Path.Combine(output, "report.html")), "the report job rebuilt the page");
        Assert.Contains("8 completed, 0 running", TestSweeps.Cli("status", output).Output);

        (code, log) = Submit(spec, output, shorter);
        Assert.Equal(0, code);
        Assert.Contains("Nothing to submit: all 8 trials are complete", log);
    }

    [SlurmFact]
    public void A_program_sweep_submitted_as_an_array_comes_back_with_the_summary_of_a_local_run()
    {
        string example = Path.Combine(SweepFiles.RepositoryRoot(), "experiments", "programs");
        string spec = _files.Write("slurm-program.yaml", $$"""
            name: slurm-program
            program:
              command: [python3, digits_softmax.py, "--lr={lr}", "--seed={seed}", "--epochs={epochs}"]
              workdir: {{example}}
              epochs: 3
            grid:
              lr: [0.3, 0.03]
            seeds: 2

            """);
        string output = Path.Combine(_files.Dir, "cluster");
        var (code, log) = Submit(spec, output, "--trials-per-task", "2");
        Assert.True(code == 0, log);
        Assert.Matches(@"Submitted array job \d+: 4 trials in 2 tasks", log);
        WaitForJobs("sweep-slurm-program", TimeSpan.FromMinutes(5));
        Assert.Equal(LocalSummary(spec), SweepRunnerTests.WithoutTiming(Path.Combine(output, "summary.csv")));
        Assert.Contains("4 completed, 0 running", TestSweeps.Cli("status", output).Output);
    }

    [SlurmFact]
    public void A_tpe_search_submitted_runs_whole_in_one_task_and_proposes_what_a_local_run_proposes()
    {
        string spec = _files.Write("slurm-tpe.yaml",
            SweepFiles.Digits.Replace("name: digits-test", "name: slurm-tpe") + """
            search:
              method: tpe
              count: 8
              startup: 4
              batch: 2
              optimizer.lr: { loguniform: [0.0001, 0.3] }
              model.hidden: { choice: [[8], [16], [32]] }
            """);
        string output = Path.Combine(_files.Dir, "cluster-tpe");
        var (code, log) = Submit(spec, output);
        Assert.True(code == 0, log);
        // the start-up; the task proposes the rest
        Assert.Matches(@"Submitted array job \d+: 4 trials in 1 tasks", log);
        WaitForJobs("sweep-slurm-tpe", TimeSpan.FromMinutes(5));
        string summary = SweepRunnerTests.WithoutTiming(Path.Combine(output, "summary.csv"));
        Assert.Equal(8, summary.Split('\n').Length); // every proposal, not only the start-up
        Assert.Equal(LocalSummary(spec), summary);
        (code, log) = Submit(spec, output);
        Assert.Contains("Nothing to submit: all 8 trials are complete", log);
    }

    [SlurmFact]
    public void A_task_cancelled_mid_run_checkpoints_on_sigterm_and_a_resubmit_resumes_it_to_the_same_summary()
    {
        // Trial 0 is made slow (~0.15 s an epoch, ~6 s in all) so that the cancel lands mid-training however fast
        // the core gets: a small net's epoch takes under a millisecond, and the trial used to finish before SIGTERM.
        const string yaml = """
            name: slurm-cancel
            data:
              dataset: digits8x8
              split: { train: 1000, validation: 0.1 }
            model: { hidden: [16] }
            train: { epochs: 3, batch_size: 16 }
            optimizer: { name: adam, lr: 0.01 }
            variants:
              slow: { model.hidden: [512, 512], train.epochs: 40, train.batch_size: 2 }
              fast-a: { optimizer.lr: 0.01 }
              fast-b: { optimizer.lr: 0.003 }
              fast-c: { optimizer.lr: 0.001 }
            """;
        string spec = _files.Write("slurm-cancel.yaml", yaml), output = Path.Combine(_files.Dir, "cancelled");
        var (code, log) = Submit(spec, output);
        Assert.True(code == 0, log);
        string job = System.Text.RegularExpressions.Regex.Match(log, @"Submitted array job (\d+)").Groups[1].Value;

        // Wait until task 0's trial has finished a few epochs, then cancel that one task: Slurm sends SIGTERM.
        var plan = Expansion.Expand(SpecReader.Read(spec));
        var first = new ResultsLayout(output).Trial(plan.Trials[0].Id);
        var clock = Stopwatch.StartNew();
        while (!File.Exists(first.Metrics) || File.ReadLines(first.Metrics).Count() < 4)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "task 0 never started training");
            Thread.Sleep(100);
        }
        Assert.Equal(0, Slurm.Run("scancel", [$"{job}_0"]).Code);
        WaitForJobs("sweep-slurm-cancel", TimeSpan.FromMinutes(5));

        var interrupted = TrialStatus.Load(first.Status);
        Assert.True(interrupted is { Status: TrialState.Interrupted }, $"status after SIGTERM: {interrupted?.Status}");
        Assert.InRange(interrupted!.EpochsRun, 1, 39);
        Assert.True(File.Exists(first.Checkpoint));
        Assert.Contains("1 interrupted", TestSweeps.Cli("status", output).Output);

        (code, log) = Submit(spec, output);
        Assert.True(code == 0, log);
        Assert.Matches(@"1 trials in 1 tasks \(3 already complete\)", log);
        WaitForJobs("sweep-slurm-cancel", TimeSpan.FromMinutes(5));
        string taskLog = string.Concat(Directory.GetFiles(Path.Combine(output, "slurm"), "*_0.out")
            .Select(File.ReadAllText));
        Assert.Contains($"resuming after epoch {interrupted.EpochsRun}", taskLog);
        Assert.Equal(LocalSummary(spec), SweepRunnerTests.WithoutTiming(Path.Combine(output, "summary.csv")));
    }

    [SlurmFact]
    public void A_results_folder_named_like_an_attack_is_used_as_named_by_sbatch_and_bash_alike()
    {
        string spec = _files.Write("hostile.yaml", SweepFiles.Digits.Replace("name: digits-test", "name: hostile-out"));
        // A % is one of sbatch's own patterns in --output (%j: the job id): written %%, it names the folder as it is.
        string output = Path.Combine(_files.Dir, "out 'q' \"d\" 100%j $(touch PWNED) `touch PWNED2`; touch PWNED3");
        var (code, log) = Submit(spec, output, "train.epochs=2");
        Assert.True(code == 0, log);
        WaitForJobs("sweep-hostile-out", TimeSpan.FromMinutes(5));
        Assert.True(File.Exists(Path.Combine(output, "summary.csv")), "the array task wrote into the folder as named");
        // sbatch read the quoted --output whole
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(output, "slurm"), "*.out"));
        Assert.Contains("1 complete", TestSweeps.Cli("status", output).Output);
        Assert.Empty(Directory.GetFiles(_files.Dir, "PWNED*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles("/tmp", "PWNED*"));
    }
}
