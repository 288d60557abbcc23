using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Sweep.Harness.Cluster;

/// <summary>
/// A self-contained build of the CLI for compute nodes that have no .NET SDK (`dotnet publish --self-contained`).
/// Built once per version of the sources: a stamp beside it holds a hash of them, and a folder whose stamp
/// matches is used as it is.
/// </summary>
public static class PublishedCli
{
    /// <param name="sourceRoot">The repository (the folder with src/ and Sweep.sln).</param>
    /// <returns>The path of the published executable.</returns>
    public static string Ensure(string binDir, string sourceRoot, TextWriter log)
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
        using var p =
            Process.Start(
                new ProcessStartInfo("dotnet",
                ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained",
            // Its own intermediate folders (.../linux-x64): the everyday framework-dependent builds (the tests', and
            // scripts/sweep's on its way to bin/Release/precompiled) keep bin/Release/net10.0.
            "-o", binDir, "-p:DebugType=None", "-p:AppendRuntimeIdentifierToOutputPath=true", "--nologo", "-v",
                "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw ClusterException.BuildFailed("could not start dotnet to publish the CLI.",
            "Check that the .NET SDK is on PATH.");
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw ClusterException.BuildFailed($"dotnet publish failed:\n{stdout}{stderr.Result}",
                "Fix the build (`dotnet build src/Sweep.Cli`), or pass --bin with a published CLI.");
        File.WriteAllText(stamp, hash + "\n");
        return exe;
    }

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
