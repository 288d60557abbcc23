using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Sweep.Harness.Cluster;

/// <summary>
/// A self-contained build of the CLI for compute nodes that have no .NET SDK (`dotnet publish --self-contained`).
/// Built once per version of the sources: a stamp beside it holds a hash of them, and a folder whose stamp
/// matches is used as it is.
/// </summary>
public static partial class PublishedCli
{
    /// <summary>
    /// Precompiles the CLI (ReadyToRun) as scripts/sweep does, all but the training code (see Sweep.Cli.csproj): an
    /// array task then starts sooner, because the CLI runs with tiering off and would otherwise compile every method
    /// it calls fully optimised first. It costs a longer publish, once per version of the sources (the figures:
    /// docs/cluster.md).
    /// </summary>
    internal static readonly string[] Precompile = ["-p:PublishReadyToRun=true"];

    /// <param name="sourceRoot">The repository (the folder with src/ and Sweep.sln).</param>
    /// <returns>The path of the published executable.</returns>
    public static string Ensure(string binDir, string sourceRoot, TextWriter log) =>
        Ensure(binDir, sourceRoot, log, Precompile);

    /// <param name="precompile">The publish's extra arguments that precompile it; where the SDK cannot (offline,
    /// without its crossgen package), the CLI is published without them.</param>
    internal static string Ensure(string binDir, string sourceRoot, TextWriter log, IReadOnlyList<string> precompile)
    {
        string exe = Path.Combine(binDir, "sweep"), stamp = Path.Combine(binDir, ".source-hash");
        string hash = SourceHash(sourceRoot);
        if (File.Exists(exe) && File.Exists(stamp) && File.ReadAllText(stamp).Trim() == hash) return exe;

        log.WriteLine(
            $"Publishing a self-contained sweep for the compute nodes into {binDir} (once per version of the " +
            "sources)...");
        string project = Path.Combine(sourceRoot, "src", "Sweep.Cli", "Sweep.Cli.csproj");
        if (!File.Exists(project))
            throw ClusterException.BuildFailed(
                $"{project} not found: submit needs the Sweep sources to build the CLI the nodes run.",
                "Submit from a clone of Sweep, or pass --bin with a published one.");
        var (code, output) = Publish(project, binDir, precompile);
        if (code != 0)
        {
            log.WriteLine($"Could not precompile it ({BuildError(output)}); publishing it plainly instead.");
            (code, output) = Publish(project, binDir, []);
        }
        if (code != 0)
            throw ClusterException.BuildFailed($"dotnet publish failed:\n{output}",
                "Fix the build (`dotnet build src/Sweep.Cli`), or pass --bin with a published CLI.");
        Results.AtomicFile.WriteAllText(stamp, hash + "\n");
        return exe;
    }

    private static (int Code, string Output) Publish(string project, string binDir, IReadOnlyList<string> extra)
    {
        using var p =
            Process.Start(
                new ProcessStartInfo("dotnet",
                ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained",
            // Its own intermediate folders (.../linux-x64): the everyday framework-dependent builds (the tests', and
            // scripts/sweep's on its way to bin/Release/precompiled) keep bin/Release/net10.0.
            "-o", binDir, "-p:DebugType=None", "-p:AppendRuntimeIdentifierToOutputPath=true", .. extra, "--nologo",
                "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw ClusterException.BuildFailed("could not start dotnet to publish the CLI.",
            "Check that the .NET SDK is on PATH.");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    /// <summary>A failed build's own summary, for a one-line account: its last coded error ("error NETSDK1096:
    /// …") without the path before it, or else its last non-empty line.</summary>
    private static string BuildError(string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var coded = lines.Select(l => CodedError().Match(l)).LastOrDefault(m => m.Success);
        return coded is not null ? coded.Value : lines.LastOrDefault() ?? "no output";
    }

    // "error NETSDK1096: …", without the " [/path/to/project.csproj]" MSBuild appends to every message.
    [GeneratedRegex(@"error [A-Z]+[0-9]+:.*?(?= \[[^\]]*\]$|$)")]
    private static partial Regex CodedError();

    /// <summary>SHA-256 over the paths and contents of every source and project file under src/.</summary>
    private static string SourceHash(string root)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(root, "Directory.*.props"))
            .Order(StringComparer.Ordinal);
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(root, f) + "\n"));
            sha.AppendData(File.ReadAllBytes(f));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
