using Sweep.Harness.Results;

namespace Sweep.Harness.Cluster;

/// <summary>How `sweep submit` lays a sweep out as a Slurm job array.</summary>
/// <param name="OutputDir">The results folder, on a filesystem the compute nodes share.</param>
/// <param name="BinDir">Where the self-contained CLI is published (default: OutputDir/.sweep-bin).</param>
/// <param name="Time">Slurm's --time for each array task, e.g. "2:00:00"; tasks get SIGTERM 60 s before it
/// ends.</param>
/// <param name="MaxRunning">At most this many array tasks at once (the array's %N throttle).</param>
public sealed record SubmitOptions(
    string OutputDir,
    string? BinDir = null,
    string? Partition = null,
    string? Time = null,
    int CpusPerTask = 1,
    int? MaxRunning = null,
    int TrialsPerTask = 1)
{
    public string Bin => BinDir ?? new ResultsLayout(OutputDir).NodeBinDir;
    public string SlurmDir => new ResultsLayout(OutputDir).SlurmDir;
}
