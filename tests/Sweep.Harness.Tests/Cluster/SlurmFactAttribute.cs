using Sweep.Harness.Cluster;

namespace Sweep.Harness.Tests.Cluster;

/// <summary>
/// Runs against a real Slurm cluster: the one scripts/slurm-local starts (CI does, in .ci/run). Elsewhere, without
/// sbatch and a node that answers, it reports itself skipped; under CI a missing cluster fails the test instead.
/// </summary>
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (!ClusterUp && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs a Slurm cluster: scripts/slurm-local up (CI starts one)";
    }

    public static bool ClusterUp
    {
        get
        {
            try
            {
                return Slurm.Available && Slurm.Run("sinfo", ["--noheader", "--format=%T"]) is { Code: 0 } r
                    && r.Stdout.Split('\n').Any(s => s.Trim() is "idle" or "mixed" or "allocated");
            }
            catch (ClusterException) { return false; }
        }
    }
}
