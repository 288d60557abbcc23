namespace Sweep.Harness.Cluster;

/// <summary>Submitting to the cluster failed: sbatch missing or refusing, the build failing; the message says what to do.</summary>
public sealed class ClusterException(string message) : Exception(message);
