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

    /// <summary>How long `status` waits for squeue: with the controller down, squeue itself retries for ~9 s.</summary>
    public static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(5);

    /// <summary>The user's jobs of this name as squeue lists them (id, state, time, reason), or why there are none to
    /// show: squeue missing (no problem: not a cluster), failing, or not answering within <paramref name="wait"/>.
    /// </summary>
    public static QueueAnswer Queue(string jobName, TimeSpan wait)
    {
        if (Which("squeue") is null) return new QueueAnswer([], null);
        var (code, stdout, stderr) = Run("squeue", ["--noheader", "--array", $"--name={jobName}",
            "--format=%i %T %M %R"], wait);
        if (code is null)
            return new QueueAnswer([],
                $"squeue did not answer within {wait.TotalSeconds:0} s (is the Slurm controller up?)");
        if (code != 0) return new QueueAnswer([], $"squeue failed: {stderr.Trim()}");
        return new QueueAnswer(
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), null);
    }

    public static (int Code, string Stdout, string Stderr) Run(string command, IReadOnlyList<string> args)
    {
        var (code, stdout, stderr) = Run(command, args, Timeout.InfiniteTimeSpan);
        return (code!.Value, stdout, stderr);
    }

    /// <returns>The exit code, or null when the command was still running after <paramref name="wait"/> (it is then
    /// killed).</returns>
    private static (int? Code, string Stdout, string Stderr) Run(string command, IReadOnlyList<string> args,
        TimeSpan wait)
    {
        var path = Which(command) ?? throw ClusterException.NotOnPath(command);
        using var p =
            Process.Start(
                new ProcessStartInfo(path, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(wait))
        {
            try { p.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // it ended just now
            p.WaitForExit();
            return (null, stdout.Result, stderr.Result);
        }
        p.WaitForExit(); // the output's end, read by the two tasks
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists);
}

/// <summary>What squeue said of a sweep's jobs: its lines, or why there are none to show (null when squeue is simply
/// not installed).</summary>
public sealed record QueueAnswer(IReadOnlyList<string> Jobs, string? Problem);
