using System.Diagnostics;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

/// <summary>The real CLI in its own process, killed with SIGKILL at a random moment and run again.</summary>
public sealed class KillAndResumeTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Common = """
        name: killed
        data:
          dataset: digits8x8
          split:
            train: 1000
            validation: 0.1
        train:
          epochs: 120
          batch_size: 4
          dropout: 0.1
        optimizer:
          name: adam
          lr: 0.002
        seeds: 2

        """;

    private const string SweepYaml = Common + """
        grid:
          model.hidden: [[128], [256]]
        """;

    /// <summary>Asynchronous halving: who goes on from a rung is decided as trials pause there, so a kill may land
    /// between a pause and a promotion.</summary>
    private const string HalvingYaml = Common + """
        random:
          count: 3
          seed: 1
          model.hidden: { choice: [[128], [256]] }
          optimizer.lr: { loguniform: [0.0005, 0.005] }
        halving: { rungs: [20, 60], keep: 0.5, asynchronous: true }
        """;

    /// <summary>The same work as a model-based search: its third configuration is proposed from the first two's
    /// results, so a kill may land before, between or after proposals.</summary>
    private const string SearchYaml = Common + """
        search:
          method: tpe
          count: 3
          startup: 2
          batch: 1
          model.hidden: { choice: [[128], [256]] }
          optimizer.lr: { loguniform: [0.0005, 0.005] }
        """;

    /// <summary>Both at once (TPE with asynchronous halving): a proposal is fitted to metrics at a rung, and a kill
    /// may land between a pause, a promotion and a proposal.</summary>
    private const string BohbYaml = Common + """
        search:
          method: tpe
          count: 4
          startup: 2
          batch: 1
          model.hidden: { choice: [[128], [256]] }
          optimizer.lr: { loguniform: [0.0005, 0.005] }
        halving: { rungs: [20, 60], keep: 0.5, asynchronous: true }
        """;

    private Process Start(string spec, string output) =>
        Process.Start(
            new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep.dll"), "run", spec, "--out",
            output, "--parallel", "2"])
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

    private static bool FirstEpochWritten(string output) =>
        Directory.Exists(Path.Combine(output, "trials"))
        && Directory.EnumerateFiles(Path.Combine(output, "trials"), "metrics.csv", SearchOption.AllDirectories).Any();

    [Theory]
    [InlineData("grid")]
    [InlineData("tpe")]
    [InlineData("asha")]
    [InlineData("bohb")]
    public void A_sweep_killed_at_a_random_moment_resumes_to_the_same_summary(string kind)
    {
        string spec = _files.Write("killed.yaml",
            kind switch { "tpe" => SearchYaml, "asha" => HalvingYaml, "bohb" => BohbYaml, _ => SweepYaml });
        string straight = Path.Combine(_files.Dir, "straight"), killed = Path.Combine(_files.Dir, "killed");
        var (code, log) = Finish(Start(spec, straight));
        Assert.True(code == 0, log);
        // The run ends with the page and the top configurations (mean over seeds) in the terminal.
        Assert.Contains("<b>Best configuration:</b>", File.ReadAllText(Path.Combine(straight, "report.html")));
        Assert.Contains("Report:  " + Path.Combine(straight, "report.html"), log);
        Assert.Matches(@"1\s+0\.\d{4} ± 0\.\d{4}", log);

        // A random moment within the first 80 % of the training, counted from the first epoch written, so that it
        // lands mid-epoch, mid-write, whatever it hits: start-up and the report take most of a short run's time.
        // The training lasts about half the trials' summed seconds, two training at once.
        double trainingSeconds = CsvFiles.Read(Path.Combine(straight, "summary.csv"), [],
            "").Rows.Sum(row =>
                double.Parse(row["train_seconds"], System.Globalization.CultureInfo.InvariantCulture)) / 2;
        int delayMs = (int)(trainingSeconds * 1000 * 0.8 * Random.Shared.NextDouble());
        var victim = Start(spec, killed);
        var clock = Stopwatch.StartNew();
        while (!FirstEpochWritten(killed))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "the sweep never finished an epoch");
            Thread.Sleep(5);
        }
        Thread.Sleep(delayMs);
        victim.Kill(entireProcessTree: true); // SIGKILL: no handler runs
        victim.WaitForExit();

        var finished = Directory.Exists(killed)
            ? Directory.GetFiles(killed, "status.json", SearchOption.AllDirectories)
            .Count(f => File.ReadAllText(f).Contains("\"completed\"", StringComparison.Ordinal))
            : 0;
        Assert.True(finished < 4,
            $"the kill {delayMs} ms after the first epoch of {trainingSeconds:F1} s of training came too late to " +
            "interrupt anything");

        // Whatever was written is whole: every CSV parses.
        foreach (string csv in Directory.Exists(killed) ? Directory.GetFiles(killed, "*.csv",
            SearchOption.AllDirectories) : [])
            Assert.NotNull(CsvFiles.Read(csv, [], "").Rows);

        var (resumedCode, resumedLog) = Finish(Start(spec, killed));
        Assert.True(resumedCode == 0, $"killed {delayMs} ms after the first epoch; resume said:\n{resumedLog}");
        Assert.Equal(SweepRunnerTests.WithoutTiming(Path.Combine(straight, "summary.csv")),
            SweepRunnerTests.WithoutTiming(Path.Combine(killed, "summary.csv")));
        // What the killed process was writing when it died is gone: the resumed run removed its temporary files.
        Assert.Equal([], Directory.GetFiles(killed, "*.tmp", SearchOption.AllDirectories).Select(Path.GetFileName));
    }
}
