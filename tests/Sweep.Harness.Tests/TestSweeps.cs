using System.Diagnostics;
using System.Globalization;
using Sweep.Data;
using Sweep.Data.Catalogue;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests;

/// <summary>Running sweeps from tests: in-process on the shipped digits, or through the real CLI in its own
/// process.</summary>
internal static class TestSweeps
{
    /// <summary>The data sets that ship in the repository's data/ folder (the 8×8 digits).</summary>
    public static DataStore ShippedData() => new(new DataLocator([Path.Combine(SweepFiles.RepositoryRoot(), "data")]));

    /// <summary>Runs a plan in this process into <paramref name="outputDir"/>: quietly, or telling <paramref
    /// name="reporter"/>.</summary>
    public static SweepOutcome Run(SweepPlan plan, string outputDir, int parallel, DataStore? store = null,
        IRunReporter? reporter = null, CancellationToken cancel = default, bool lendIdleCores = true) =>
        new SweepRunner(store ?? ShippedData(), reporter ?? new PlainReporter(TextWriter.Null)).Run(plan,
        new RunOptions(outputDir, parallel, LendIdleCores: lendIdleCores), cancel);

    /// <summary>The real CLI (sweep.dll built beside the tests) in its own process: exit code and everything it
    /// printed.</summary>
    public static (int Code, string Output) Cli(params string[] args)
    {
        var (code, output, _) = CliMeasured(new Dictionary<string, string>(), args);
        return (code, output);
    }

    /// <summary>The real CLI started in its own process and left running (to be stopped or killed by the test), its
    /// output redirected.</summary>
    public static Process StartCli(params string[] args) => Process.Start(new ProcessStartInfo("dotnet",
        [Path.Combine(AppContext.BaseDirectory, "sweep.dll"), .. args])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        Environment = { ["SWEEP_HOME"] = SweepFiles.RepositoryRoot(), ["SWEEP_DATA"] = "" },
    })!;

    /// <summary>Waits until a run has written its first epoch to some trial's metrics.csv (training is under way, its
    /// signal handlers are installed); fails after a minute.</summary>
    public static void WaitForFirstEpoch(string resultsDir, Process run)
    {
        var clock = Stopwatch.StartNew();
        string trials = Path.Combine(resultsDir, "trials");
        static bool HasEpoch(string metrics) => File.ReadLines(metrics).Skip(1).Any();
        while (!Directory.Exists(trials)
            || !Directory.EnumerateFiles(trials, "metrics.csv", SearchOption.AllDirectories).Any(HasEpoch))
        {
            if (run.HasExited)
                throw new InvalidOperationException($"the run ended (exit {run.ExitCode}) before training");
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
                throw new TimeoutException("no epoch finished within a minute");
            Thread.Sleep(20);
        }
    }

    /// <summary>`sweep run SPEC --out RESULTS --progress plain MORE...` interrupted as a user would: once it has
    /// finished an epoch, <paramref name="signals"/> Ctrl-Cs (<see cref="InterruptSignal"/>) 20 ms apart, as `timeout`
    /// and a terminal send two at once. Its exit code and all it printed once it exits.</summary>
    public static async Task<(int Code, string Output)> Interrupt(string spec, string results, int signals,
        TimeSpan limit, params string[] more)
    {
        using var run = StartCli(["run", spec, "--out", results, "--progress", "plain", .. more]);
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        WaitForFirstEpoch(results, run);
        for (int i = 0; i < signals; i++)
        {
            if (i > 0) Thread.Sleep(20);
            Signal(run, InterruptSignal);
        }
        string printed = await ExitsWithin(run, stdout, stderr, limit);
        return (run.ExitCode, printed);
    }

    /// <summary>Waits for a signalled run to exit, and returns all it printed; if it has not exited within
    /// <paramref name="limit"/>, kills it and fails with what it printed, so the failure says how far it got.</summary>
    private static async Task<string> ExitsWithin(Process run, Task<string> stdout, Task<string> stderr,
        TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try { await run.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
            throw new TimeoutException($"the run did not stop within {limit}; it printed:\n" + await stdout +
                await stderr);
        }
        return await stdout + await stderr;
    }

    /// <summary>What a test sends for Ctrl-C: SIGINT, or SIGTERM (the same request to Sweep) where this process
    /// ignores SIGINT. A job started in the background by a shell without job control, or under nohup, ignores
    /// SIGINT, its children inherit that, and .NET then leaves SIGINT ignored, as a shell's background job should.
    /// </summary>
    public static string InterruptSignal { get; } = IgnoresSigInt() ? "TERM" : "INT";

    private static bool IgnoresSigInt()
    {
        string? line = File.Exists("/proc/self/status")
            ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))
            : null;
        return line is not null && (Convert.ToUInt64(line[7..].Trim(), 16) & 0b10) != 0;
    }

    /// <summary>Sends a signal to a process (kill(1), as a terminal or `timeout` would).</summary>
    public static void Signal(Process process, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>The real CLI with extra environment variables (e.g. a GC heap limit), and the process's peak resident
    /// memory in bytes as the kernel counted it (VmHWM, read until the process ends).</summary>
    public static (int Code, string Output, long PeakBytes) CliMeasured(IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SWEEP_HOME"] = SweepFiles.RepositoryRoot(), ["SWEEP_DATA"] = "" },
        };
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(20)) peak = Math.Max(peak, PeakResident(p.Id));
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result, peak);
    }

    private static long PeakResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status")
                .FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }
}
