using System.Diagnostics;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>Runs as root (CI does), so that the CLI can be started as an unprivileged user: root writes
/// anywhere.</summary>
public sealed class AsRootFactAttribute : FactAttribute
{
    public AsRootFactAttribute()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs root, to run the CLI as the user nobody on a folder it cannot write";
    }
}

/// <summary>A results folder someone else owns (a colleague's, a cluster's archive): status, report --out and compare
/// read it without writing a byte into it.</summary>
public sealed class ReadOnlyResultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-readonly-").FullName;

    public void Dispose()
    {
        using (var chmod = Process.Start("chmod", ["-R", "u+w", _dir])) chmod.WaitForExit();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The CLI as the user nobody: its build is copied where nobody can read it, the results are not
    /// writable.</summary>
    private (int Code, string Output) AsNobody(string bin, params string[] args)
    {
        var start = new ProcessStartInfo("setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups", "dotnet", Path.Combine(bin, "sweep.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
            Environment = { ["HOME"] = Path.Combine(_dir, "home"), ["DOTNET_CLI_HOME"] = Path.Combine(_dir,
                "home"), ["SWEEP_HOME"] = SweepFiles.RepositoryRoot() },
        };
        using var p = Process.Start(start)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    private static void Run(string command, params string[] args)
    {
        using var p = Process.Start(command, args);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [AsRootFact]
    public void Status_report_elsewhere_and_compare_work_on_a_folder_that_cannot_be_written()
    {
        var spec = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(spec, SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        var plan = Expansion.Expand(SpecReader.Read(spec));
        string a = TestSweeps.Run(plan, Path.Combine(_dir, "a"), 2).ResultsDir;
        string b = TestSweeps.Run(plan, Path.Combine(_dir, "b"), 2).ResultsDir;
        string bin = Path.Combine(_dir, "bin"), writable = Path.Combine(_dir, "mine"),
            home = Path.Combine(_dir, "home");
        Run("cp", "-r", AppContext.BaseDirectory, bin);
        Directory.CreateDirectory(writable);
        Directory.CreateDirectory(home);
        Run("chmod", "-R", "a-w", a, b);
        Run("chmod", "a+rx", _dir);
        Run("chmod", "-R", "a+rX", bin, a, b);
        Run("chmod", "a+rwx", writable, home);
        var before = Directory.GetFiles(a, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (code, output) = AsNobody(bin, "status", a);
        Assert.True(code == 0, output);
        Assert.Contains("2 trials: 2 completed", output);

        (code, output) = AsNobody(bin, "report", a, "--out", writable);
        Assert.True(code == 0, output);
        string page = File.ReadAllText(Path.Combine(writable, "report.html"));
        Assert.Contains("href=\"../a/summary.csv\"", page);

        (code, output) = AsNobody(bin, "compare", a, b, "--out", Path.Combine(writable, "cmp"));
        Assert.True(code == 0, output);

        // Writing the page into the folder itself is refused with the folder named, exit 3.
        (code, output) = AsNobody(bin, "report", a);
        Assert.Equal(3, code);
        Assert.Contains(a, output);
        Assert.DoesNotContain("   at ", output);

        Assert.Equal(before, Directory.GetFiles(a, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }
}
