namespace Sweep.Harness.Run;

/// <summary>How to run a plan: where, how many trials at once, and which slice of it.</summary>
/// <param name="Trials">Only the trials with these ids (a Slurm array task runs its share this way).</param>
/// <param name="Shard">Only trials whose index i satisfies i mod Count = Index (0-based), so n processes split a
/// grid.</param>
/// <param name="CommandLine">The invocation's arguments, for the folder's invocations.jsonl.</param>
/// <param name="LendIdleCores">A worker with no trial left lends its core to a running one (Trainer.Assist); off for
/// measuring what it gains. Results are the same either way.</param>
/// <param name="WaitForOthers">At the end, wait while another process still holds a trial of the selection, so that a
/// run sharing its folder with another ends when every trial it was asked for has ended (what a user at a prompt
/// expects); otherwise such trials are named as running elsewhere at once.</param>
public sealed record RunOptions(string OutputDir, int Parallel, IReadOnlyList<string>? Trials = null,
    (int Index, int Count)? Shard = null,
    IReadOnlyList<string>? CommandLine = null, bool WaitForOthers = false, bool LendIdleCores = true)
{
    /// <summary>A trial that has ended keeps only what reading and predicting need
    /// (<see cref="Results.TrialFolder.DropTrainingState"/>).</summary>
    public bool Lean { get; init; }
}
