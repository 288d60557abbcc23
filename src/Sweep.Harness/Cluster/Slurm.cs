using System.Diagnostics;

namespace Sweep.Harness.Cluster;

/// <summary>Slurm's own commands (sbatch, squeue), run as child processes: Sweep talks to the cluster the way a
/// user at a login node does, with no service of its own in between.</summary>
public static class Slurm
{
    public static bool Available => Which("sbatch") is not null;

    /// <returns>The job id sbatch prints with --parsable.</returns>
    public static string Submit(string script, params string[] extraArgs)
    {
        var (code, stdout, stderr) = Run("sbatch", ["--parsable", .. extraArgs, script]);
        if (code != 0) throw ClusterException.Refused(script, stderr);
        return stdout.Trim().Split(';')[0]; // "123" or "123;cluster"
    }

    /// <summary>The user's jobs of this name as squeue lists them (id, state, time, reason); empty when squeue is
    /// missing.</summary>
    public static IReadOnlyList<string> Queue(string jobName)
    {
        if (Which("squeue") is null) return [];
        var (code, stdout, _) = Run("squeue", ["--noheader", "--array", $"--name={jobName}", "--format=%i %T %M %R"]);
        return code == 0 ? stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
    }

    public static (int Code, string Stdout, string Stderr) Run(string command, IReadOnlyList<string> args)
    {
        var path = Which(command) ?? throw ClusterException.NotOnPath(command);
        using var p =
            Process.Start(
                new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);
}
