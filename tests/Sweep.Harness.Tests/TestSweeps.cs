using System.Diagnostics;
using Sweep.Data;
using Sweep.Data.Catalogue;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests;

/// <summary>Running sweeps from tests: in-process on the shipped digits, or through the real CLI in its own process.</summary>
internal static class TestSweeps
{
    /// <summary>The data sets that ship in the repository's data/ folder (the 8×8 digits).</summary>
    public static DataStore ShippedData() => new(new DataLocator([Path.Combine(SweepFiles.RepositoryRoot(), "data")]));

    /// <summary>Runs a plan in this process into <paramref name="outputDir"/>: quietly, or telling <paramref name="reporter"/>.</summary>
    public static SweepOutcome Run(SweepPlan plan, string outputDir, int parallel, DataStore? store = null, IRunReporter? reporter = null, CancellationToken cancel = default) =>
        new SweepRunner(store ?? ShippedData(), reporter ?? new PlainReporter(TextWriter.Null)).Run(plan, new RunOptions(outputDir, parallel), cancel);

    /// <summary>The real CLI (sweep.dll built beside the tests) in its own process: exit code and everything it printed.</summary>
    public static (int Code, string Output) Cli(params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "sweep.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SWEEP_HOME"] = SweepFiles.RepositoryRoot(), ["SWEEP_DATA"] = "" },
        })!;
        var stderr = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + stderr.Result);
    }
}
