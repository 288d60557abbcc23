using System.Diagnostics;
using System.Reflection.PortableExecutable;
using Sweep.Harness.Cluster;

namespace Sweep.Harness.Tests.Cluster;

/// <summary>The CLI `submit` publishes for the compute nodes: precompiled where the SDK can, plainly where it
/// cannot.</summary>
[Collection(PublishedCliCollection.Name)]
public sealed class PublishedCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-published-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Whether an assembly carries precompiled code (a ReadyToRun image has a managed native
    /// header).</summary>
    private static bool Precompiled(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static (int Code, string Output) Help(string exe)
    {
        using var p = Process.Start(new ProcessStartInfo(exe, ["--help"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    [SkippableFact]
    public void The_nodes_get_a_precompiled_CLI_whose_training_code_is_compiled_on_the_node()
    {
        var log = new StringWriter();
        string exe = PublishedCli.Ensure(_dir, SweepFiles.RepositoryRoot(), log);

        Assert.Contains("Publishing a self-contained sweep", log.ToString());
        // An SDK that cannot get its crossgen package (offline, a partial mirror) publishes plainly, as it should;
        // CI's machine has the package, so there it is a failure.
        Skip.If(log.ToString().Contains("Could not precompile") && Environment.GetEnvironmentVariable("CI") is null,
            $"this SDK cannot precompile here: {log}");
        Assert.DoesNotContain("Could not precompile", log.ToString());
        Assert.True(Precompiled(Path.Combine(_dir, "Sweep.Harness.dll")), "the harness is precompiled");
        Assert.True(Precompiled(Path.Combine(_dir, "sweep.dll")), "the CLI is precompiled");
        // Left out on purpose (Sweep.Cli.csproj): precompiled, the training code would stay generic x64 for good.
        Assert.False(Precompiled(Path.Combine(_dir, "Sweep.Core.dll")), "the training code is left to the node");
        Assert.False(Precompiled(Path.Combine(_dir, "Sweep.Data.dll")), "the data reader is left to the node");
        var (code, output) = Help(exe);
        Assert.True(code == 0, output);
        Assert.Contains("submit", output);

        // Published once per version of the sources: a second submit uses the folder as it is.
        var again = new StringWriter();
        Assert.Equal(exe, PublishedCli.Ensure(_dir, SweepFiles.RepositoryRoot(), again));
        Assert.Equal("", again.ToString());
    }

    [Fact]
    public void Where_the_SDK_cannot_precompile_the_CLI_is_published_plainly_and_the_log_says_why()
    {
        // Asking for the retired crossgen, which no .NET 10 runtime pack has, fails every time (NETSDK1095), as an SDK
        // that cannot get its crossgen package does; a bad option to crossgen itself would not fail a publish whose
        // precompiled files are already up to date.
        string[] failing = [.. PublishedCli.Precompile, "-p:PublishReadyToRunUseCrossgen2=false"];
        var log = new StringWriter();
        string exe = PublishedCli.Ensure(_dir, SweepFiles.RepositoryRoot(), log, failing);

        Assert.Matches(@"Could not precompile it \(error NETSDK\d+: [^\n]+\); publishing it plainly instead\.",
            log.ToString());
        Assert.DoesNotContain("[/", log.ToString()); // the project path MSBuild appends is left out
        Assert.False(Precompiled(Path.Combine(_dir, "Sweep.Harness.dll")), "published plainly");
        var (code, output) = Help(exe);
        Assert.True(code == 0, output);
        Assert.True(File.Exists(Path.Combine(_dir, ".source-hash")), "the stamp is written after the plain publish");
    }
}
