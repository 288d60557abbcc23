using System.Diagnostics;

namespace Sweep.Harness.Tests.Cluster;

/// <summary>scripts/slurm-local on a machine that is shared: it leaves alone a Slurm configuration it did not write
/// and every process it did not start, whatever its name. The configuration and pid files are in a temporary
/// folder; a real cluster the CI started is not touched.</summary>
public sealed class SlurmLocalTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private (int Code, string Output) SlurmLocal(string command, string conf, string state)
    {
        var start = new ProcessStartInfo(Path.Combine(SweepFiles.RepositoryRoot(), "scripts", "slurm-local"), [command])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["SWEEP_SLURM_CONF"] = conf, ["SWEEP_SLURM_STATE"] = state },
        };
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    [Fact]
    public void Up_refuses_to_rewrite_a_slurm_configuration_it_did_not_write()
    {
        string conf = _files.Write("slurm.conf", "# the site's own cluster\nClusterName=site\n");
        var (code, output) = SlurmLocal("up", conf, Path.Combine(_files.Dir, "state"));
        Assert.True(code == 1, output);
        Assert.Contains("was not written by this script", output);
        Assert.Equal("# the site's own cluster\nClusterName=site\n", File.ReadAllText(conf));
    }

    [Fact]
    public void Down_stops_only_what_its_own_pid_files_name_never_a_process_by_its_name()
    {
        // A process named like a Slurm daemon that this script did not start: a copy of sleep (its mode kept) called
        // slurmd.
        string impostor = Path.Combine(_files.Dir, "slurmd");
        File.Copy("/bin/sleep", impostor);
        using var other = Process.Start(impostor, ["300"]);
        // And one it did start, as its pid file says: a second copy, named munged.
        string ours = Path.Combine(_files.Dir, "munged");
        File.Copy("/bin/sleep", ours);
        using var started = Process.Start(ours, ["300"]);
        string state = Path.Combine(_files.Dir, "state");
        Directory.CreateDirectory(Path.Combine(state, "pids"));
        File.WriteAllText(Path.Combine(state, "pids", "munged.pid"), started.Id + "\n");
        // A pid file naming a process that is no longer the daemon (the impostor's pid under another name) is
        // not acted on either.
        File.WriteAllText(Path.Combine(state, "pids", "slurmctld.pid"), other.Id + "\n");
        try
        {
            var (code, output) = SlurmLocal("down", Path.Combine(_files.Dir, "slurm.conf"), state);
            Assert.True(code == 0, output);
            Assert.True(started.WaitForExit(15_000), "the daemon its pid file named was stopped");
            Assert.False(other.HasExited, "a process it did not start, though named slurmd, still runs");
        }
        finally
        {
            if (!other.HasExited) other.Kill();
            if (!started.HasExited) started.Kill();
        }
    }
}
