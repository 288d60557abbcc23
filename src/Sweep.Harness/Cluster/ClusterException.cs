using Sweep.Core.Errors;

namespace Sweep.Harness.Cluster;

/// <summary>Submitting to the cluster failed, or a value cannot go into a batch script: sbatch missing or refusing,
/// the build failing, a partition that is not a partition name. Built only by the factories below, each saying what
/// to do.</summary>
public sealed class ClusterException : SweepException
{
    private ClusterException(string message) : base(message, ErrorKind.Invalid) { }

    /// <summary>A Slurm client command that is not installed here.</summary>
    public static ClusterException NotOnPath(string command) =>
        new($"{command} is not on PATH: run this on a machine with Slurm's client commands (a login node), " +
            "or start a local cluster with scripts/slurm-local up.");

    /// <summary>A command-line value that cannot go into a batch script.</summary>
    public static ClusterException BadValue(string flag, string printable, string problem, string remedy) =>
        new($"{flag} '{printable}' {problem}; {remedy}");

    /// <summary>sbatch refused a script; its own words follow.</summary>
    public static ClusterException Refused(string script, string stderr) =>
        new($"sbatch refused {script}: {stderr.Trim()} Fix what it names and submit again.");

    /// <summary>Building the self-contained CLI the nodes run failed.</summary>
    public static ClusterException BuildFailed(string problem, string remedy) => new($"{problem} {remedy}");
}
