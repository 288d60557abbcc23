namespace Sweep.Harness.Run;

/// <summary>How to run a plan: where, how many trials at once, and which slice of it.</summary>
/// <param name="Trial">Only the trial with this id.</param>
/// <param name="Shard">Only trials whose index i satisfies i mod Count = Index (0-based), so n processes split a grid.</param>
public sealed record RunOptions(string OutputDir, int Parallel, string? Trial = null, (int Index, int Count)? Shard = null);
