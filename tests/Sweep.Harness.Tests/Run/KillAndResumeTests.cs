using System.Diagnostics;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests.Run;

/// <summary>The real CLI in its own process, killed with SIGKILL at a random moment and run again.</summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string SweepYaml = """
        name: killed
        data:
          dataset: digits8x8
          split:
            train: 1000
            validation: 0.1
        model:
          hidden: [64]
        train:
          epochs: 120
          batch_size: 4
          dropout: 0.1
        optimizer:
          name: adam
          lr: 0.002
        grid:
          model.hidden: [[32], [64]]
        seeds: 2
        """;

    private Process Start(string spec, string output) => Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "run", spec, "--out", output, "--parallel", "2"])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        Environment = { ["SWEEP_HOME"] = SweepFiles.RepositoryRoot(), ["SWEEP_DATA"] = "" },
    })!;

    private static (int Code, string Output) Finish(Process p)
    {
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    [Fact]
    public void A_sweep_killed_at_a_random_moment_resumes_to_the_same_summary()
    {
        string spec = _files.Write("killed.yaml", SweepYaml);
        string straight = Path.Combine(_files.Dir, "straight"), killed = Path.Combine(_files.Dir, "killed");
        var clock = Stopwatch.StartNew();
        var (code, log) = Finish(Start(spec, straight));
        Assert.True(code == 0, log);
        double seconds = clock.Elapsed.TotalSeconds;
        // The run ends with the page and the top configurations (mean over seeds) in the terminal.
        Assert.Contains("<b>Best configuration:</b>", File.ReadAllText(Path.Combine(straight, "report.html")));
        Assert.Contains("Report:  " + Path.Combine(straight, "report.html"), log);
        Assert.Matches(@"1\s+0\.\d{4} ± 0\.\d{4}", log);

        // A random moment between 20 % and 80 % of an uninterrupted run: mid-epoch, mid-write, whatever it hits.
        int delayMs = (int)(seconds * 1000 * (0.2 + 0.6 * Random.Shared.NextDouble()));
        var victim = Start(spec, killed);
        Thread.Sleep(delayMs);
        victim.Kill(entireProcessTree: true); // SIGKILL: no handler runs
        victim.WaitForExit();

        var finished = Directory.Exists(killed)
            ? Directory.GetFiles(killed, "status.json", SearchOption.AllDirectories).Count(f => File.ReadAllText(f).Contains("\"completed\"", StringComparison.Ordinal))
            : 0;
        Assert.True(finished < 4, $"the kill after {delayMs} ms of a {seconds:F1} s run came too late to interrupt anything");

        // Whatever was written is whole: every CSV parses.
        foreach (string csv in Directory.Exists(killed) ? Directory.GetFiles(killed, "*.csv", SearchOption.AllDirectories) : [])
            CsvFiles.Read(csv);

        var (resumedCode, resumedLog) = Finish(Start(spec, killed));
        Assert.True(resumedCode == 0, $"killed after {delayMs} ms; resume said:\n{resumedLog}");
        Assert.Equal(SweepRunnerTests.WithoutTiming(Path.Combine(straight, "summary.csv")), SweepRunnerTests.WithoutTiming(Path.Combine(killed, "summary.csv")));
    }
}
