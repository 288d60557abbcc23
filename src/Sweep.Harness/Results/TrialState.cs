namespace Sweep.Harness.Results;

/// <summary>How a trial ended, as status.json and summary.csv spell it (snake case: timed_out). Every state but
/// Completed and Pruned makes the sweep's exit code non-zero. The runner's own notes (a trial paused at a
/// successive-halving rung) are not states: they never reach a file.</summary>
public enum TrialState { Completed, Diverged, Failed, TimedOut, Interrupted, Pruned }
