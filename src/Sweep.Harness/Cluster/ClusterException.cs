using Sweep.Core.Errors;

namespace Sweep.Harness.Cluster;

/// <summary>Submitting to the cluster failed, or a value cannot go into a batch script: sbatch missing or refusing,
/// the build failing, a partition that is not a partition name. The message says what to do.</summary>
public sealed class ClusterException(string message, ErrorKind kind = ErrorKind.Invalid) : SweepException(message, kind);
