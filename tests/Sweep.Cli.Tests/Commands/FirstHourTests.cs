using System.Diagnostics;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// A new user's first minutes, on a fresh clone of this repository, as the README says: `scripts/sweep run
/// experiments/quickstart.yaml` speaks at once (the first build takes a while), ends well, keeps its log short and
/// writes clean numbers; `scripts/sweep help` answers.
/// </summary>
public sealed class FirstHourTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_fresh_clone_runs_the_quickstart_saying_so_at_once_with_a_short_log_and_clean_numbers()
    {
        string root = SweepFiles.RepositoryRoot();
        Assert.True(Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git")),
            "the tests run in a git checkout of Sweep");
        string clone = Path.Combine(_files.Dir, "clone");
        Run("git", ["clone", "--quiet", root, clone], _files.Dir);

        var start = new ProcessStartInfo(Path.Combine(clone, "scripts", "sweep"),
            ["run", "experiments/quickstart.yaml", "--progress", "plain"])
        {
            WorkingDirectory = clone,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SWEEP_DATA"] = "", ["SWEEP_HOME"] = "" },
        };
        start.Environment.Remove("SWEEP_HOME");
        var lines = new List<(TimeSpan At, string Line)>();
        var clock = Stopwatch.StartNew();
        using var sweep = new Process { StartInfo = start };
        sweep.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines)
            lines.Add((clock.Elapsed, e.Data)); };
        sweep.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines)
            lines.Add((clock.Elapsed, e.Data)); };
        sweep.Start();
        sweep.BeginOutputReadLine();
        sweep.BeginErrorReadLine();
        Assert.True(sweep.WaitForExit(TimeSpan.FromMinutes(10)), "the quickstart did not end within 10 minutes");
        sweep.WaitForExit();
        string log = string.Join('\n', lines.Select(l => l.Line));

        Assert.True(sweep.ExitCode == 0, log);
        Assert.True(lines[0].At < TimeSpan.FromSeconds(5), $"the first line came after {lines[0].At}: {lines[0].Line}");
        Assert.StartsWith("sweep: building Sweep (first run only", lines[0].Line);
        // The build's own progress, then: a header, 8 finished trials, the table of the best 4 and where the results
        // are.
        var run = lines.SkipWhile(l => !l.Line.Contains("trials, 0 already complete")).Select(l => l.Line).ToList();
        Assert.InRange(run.Count, 10, 25);
        Assert.Equal(8,
            run.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^\[\d\d:\d\d:\d\d\] completed [0-9a-f]{12} ")));
        Assert.DoesNotContain(run, l => l.Contains("epoch "));

        // metrics.csv's numbers as written: the learning rate as the user gave it.
        foreach (string metrics in Directory.GetFiles(Path.Combine(clone, "results", "quickstart", "trials"),
            "metrics.csv", SearchOption.AllDirectories))
        {
            var rates = Sweep.Harness.Results.CsvFiles.Read(metrics, ["learning_rate"],
                "").Rows.Select(r => r["learning_rate"]).Distinct().ToList();
            Assert.All(rates, r => Assert.Contains(r, new[] { "0.001", "0.01" }));
        }

        var help = Run(Path.Combine(clone, "scripts", "sweep"), ["help"], clone);
        Assert.Contains("Commands:", help);
        Assert.Contains("predict", help);
    }

    private static string Run(string command, string[] args, string dir)
    {
        using var p =
            Process.Start(
                new ProcessStartInfo(command, args) { WorkingDirectory = dir, RedirectStandardOutput = true,
                RedirectStandardError = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{command} {string.Join(' ', args)}: {stdout}{stderr.Result}");
        return stdout + stderr.Result;
    }
}
