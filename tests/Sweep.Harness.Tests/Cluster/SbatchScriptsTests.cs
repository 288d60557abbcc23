using Sweep.Harness.Cluster;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Cluster;

public sealed class SbatchScriptsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_percent_in_the_results_folder_is_a_literal_in_the_output_pattern_and_a_backslash_is_refused()
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("p.yaml", SweepFiles.Digits)));
        var options = new SubmitOptions("/shared/100%j done", "/shared/bin", null, null, 1, null, 1);
        var groups = SbatchScripts.Groups(plan.Trials.Select(t => t.Id), 1);
        string script = SbatchScripts.Array(plan, [], options, groups, new Dictionary<string, string>());
        Assert.Contains("#SBATCH --output=\"/shared/100%%j done/slurm/%A_%a.out\"\n", script);
        Assert.Contains("#SBATCH --output=\"/shared/100%%j done/slurm/report-%j.out\"\n",
            SbatchScripts.Report(plan, [], options, new Dictionary<string, string>()));
        var e = Assert.Throws<ClusterException>(() => SbatchScripts.Array(plan, [],
            options with { OutputDir = "/shared/back\\slash" }, groups, new Dictionary<string, string>()));
        Assert.Contains("holds a backslash", e.Message);
    }

    [Fact]
    public void The_array_script_runs_each_tasks_trials_into_the_shared_folder_with_the_options_given()
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(
                    _files.Write("s.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01, 0.001]\n")));
        var options = new SubmitOptions("/shared/results/digits-test", "/shared/bin", "gpu", "1:00:00", 2, 5, 2);
        var groups = SbatchScripts.Groups(plan.Trials.Select(t => t.Id), 2);
        string script = SbatchScripts.Array(plan, ["train.epochs=2", "name=it's"], options, groups,
            new Dictionary<string, string> { ["SWEEP_DATA"] = "/data" });

        Assert.Equal(2, groups.Count);
        Assert.Contains("#SBATCH --array=0-1%5\n", script);
        Assert.Contains("#SBATCH --cpus-per-task=2\n", script);
        Assert.Contains("#SBATCH --job-name=\"sweep-digits-test\"\n", script);
        Assert.Contains("#SBATCH --partition=gpu\n", script);
        Assert.Contains("#SBATCH --time=1:00:00\n#SBATCH --requeue\n#SBATCH --signal=B:TERM@60\n", script);
        Assert.Contains($"  {plan.Trials[0].Id},{plan.Trials[1].Id}\n  {plan.Trials[2].Id}\n", script);
        Assert.Contains("export SWEEP_DATA='/data'\n", script);
        Assert.Contains("exec '/shared/bin/sweep' run '" + plan.Spec.File
            + "' 'train.epochs=2' 'name=it'\\''s' --out '/shared/results/digits-test' --trial " +
            "\"${trials[$SLURM_ARRAY_TASK_ID]}\" --parallel 2", script);

        string report = SbatchScripts.Report(plan, [], options, new Dictionary<string, string>());
        Assert.Contains("--summary-only\n", report);
        Assert.DoesNotContain("--array", report);
    }

    /// <summary>Paths and overrides an attacker might choose: quotes, command substitution, backticks, a
    /// newline.</summary>
    public static readonly string[] HostileTexts =
    [
        "a b", "it's", "say \"hi\"", "$(touch PWNED-1)", "`touch PWNED-2`", "x;touch PWNED-3", "x\ntouch PWNED-4",
            "$HOME", "back\\slash", "-rf",
    ];

    [Fact]
    public void Hostile_paths_and_overrides_reach_the_command_as_they_are_and_run_nothing()
    {
        // Folders named like an attack (no control characters: a path with one is refused, see below).
        string outDir = Path.Combine(_files.Dir, "out $(touch PWNED-5) `touch PWNED-6` 'q' \"d\"; touch PWNED-7");
        string binDir = Path.Combine(_files.Dir, "bin $(touch PWNED-8)");
        Directory.CreateDirectory(binDir);
        // A stand-in for the published CLI: records each argument it is given, one per NUL-terminated field.
        string argsFile = Path.Combine(_files.Dir, "args");
        File.WriteAllText(Path.Combine(binDir, "sweep"),
            $"#!/bin/bash\nprintf '%s\\0' \"$@\" > {SbatchScripts.Quote(argsFile)}\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Path.Combine(binDir, "sweep"),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var plan = Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits)));
        var options = new SubmitOptions(outDir, binDir, "debug", "10", 1, null, 1);
        string[] overrides = [.. HostileTexts.Select(t => "description=" + t)];
        var environment = new Dictionary<string, string> { ["SWEEP_DATA"] = "/data/$(touch PWNED-9)" };
        foreach (string script in new[]
                 {
                     SbatchScripts.Array(plan, overrides, options,
                         SbatchScripts.Groups(plan.Trials.Select(t => t.Id), 1), environment),
                     SbatchScripts.Report(plan, overrides, options, environment),
                 })
        {
            string path = Path.Combine(_files.Dir, "job.sbatch");
            File.WriteAllText(path, script);
            var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [path])
            {
                WorkingDirectory = _files.Dir,
                Environment = { ["SLURM_ARRAY_TASK_ID"] = "0" },
            })!;
            bash.WaitForExit();
            Assert.Equal(0, bash.ExitCode);

            string[] args = File.ReadAllText(argsFile).Split('\0')[..^1];
            Assert.Equal(["run", plan.Spec.File, .. overrides, "--out", outDir], args[..(overrides.Length + 4)]);
            Assert.Empty(Directory.GetFiles(_files.Dir, "PWNED*", SearchOption.AllDirectories));
            Assert.Empty(Directory.GetFiles(Environment.CurrentDirectory, "PWNED*"));
            // Every #SBATCH line is one line whose value sbatch reads whole: quoted, or of a checked alphabet.
            foreach (string line in script.Split('\n')
                .Where(l => l.StartsWith("#SBATCH --output=") || l.StartsWith("#SBATCH --job-name=")))
                Assert.Matches("^#SBATCH --[a-z-]+=\"([^\"\\\\]|\\\\.)*\"$", line);
        }
    }

    [Theory]
    [InlineData("cpu\ntouch X", null, "/shared/out", "--partition")]
    [InlineData("cpu;touch X", null, "/shared/out", "--partition")]
    [InlineData("$(touch X)", null, "/shared/out", "--partition")]
    [InlineData(null, "1:00:00\n#SBATCH --uid=0", "/shared/out", "--time")]
    [InlineData(null, "1:00 && touch X", "/shared/out", "--time")]
    [InlineData(null, null, "/shared/out\ntouch X", "--out")]
    [InlineData(null, null, "/shared/out\r", "--out")]
    public void A_partition_time_or_folder_that_cannot_be_written_safely_is_refused(string? partition, string? time,
        string outDir, string option)
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits)));
        var options = new SubmitOptions(outDir, "/shared/bin", partition, time);
        var error = Assert.Throws<ClusterException>(() => SbatchScripts.Report(plan, [], options,
            new Dictionary<string, string>()));
        Assert.StartsWith(option, error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("2:00:00")]
    [InlineData("30")]
    [InlineData("1-12")]
    [InlineData("1-12:30:00")]
    [InlineData("UNLIMITED")]
    public void Every_slurm_time_format_is_accepted(string time) =>
        SbatchScripts.Check(new SubmitOptions("/shared/out", Time: time, Partition: "cpu,gpu"));

    [Fact]
    public void The_cli_refuses_a_hostile_partition_with_exit_2_and_writes_nothing()
    {
        string spec = _files.Write("s.yaml", SweepFiles.Digits);
        string output = Path.Combine(_files.Dir, "out");
        var (code, printed) = TestSweeps.Cli("submit", spec, "--out", output, "--partition", "cpu\ntouch PWNED",
            "--dry-run");
        Assert.Equal(2, code);
        Assert.Contains("--partition 'cpu\\u000atouch PWNED' is not a partition name", printed);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("search:\n  method: tpe\n  count: 6\n  startup: 2\n  optimizer.lr: { loguniform: [0.001, 0.1] }\n")]
    [InlineData("grid:\n  optimizer.lr: [0.001, 0.01, 0.1]\nhalving: { rungs: [1], asynchronous: true }\n")]
    public void A_sweep_that_decides_from_its_own_results_is_submitted_as_one_task_that_runs_it_whole(string varies)
    {
        string spec = _files.Write("whole.yaml", SweepFiles.Digits + varies);
        var (code, printed) = TestSweeps.Cli("submit", spec, "--out", Path.Combine(_files.Dir, "out"), "--dry-run",
            "--trials-per-task", "1");
        Assert.True(code == 0, printed);
        Assert.Contains("#SBATCH --array=0-0", printed);
        Assert.DoesNotContain("--trial",
            printed.Split('\n').First(l => l.StartsWith("exec ", StringComparison.Ordinal)));
    }
}
