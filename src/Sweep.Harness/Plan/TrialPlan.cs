namespace Sweep.Harness.Plan;

/// <summary>
/// One trial of a sweep: its fully resolved configuration (every schema key, defaults filled in, and the seed) and
/// the id derived from it. The id names the trial's folder, so editing a sweep re-runs only what changed.
/// </summary>
/// <param name="Index">Position in the plan (0-based): results are ordered by it, not by completion time.</param>
/// <param name="Varying">The values of the keys that vary across the sweep, in grid order, seed last.</param>
/// <param name="DuplicateOf">Index of an earlier trial with the same configuration, if any.</param>
/// <param name="NotDrawn">Search keys this trial did not draw (their `when:` did not hold): it keeps their defaults,
/// which its name does not list as values tried.</param>
public sealed record TrialPlan(int Index, string Id, IReadOnlyDictionary<string, object?> Config,
    IReadOnlyList<KeyValuePair<string, string>> Varying, int? DuplicateOf, IReadOnlySet<string>? NotDrawn = null)
{
    public int Seed => (int)Config["seed"]!;

    /// <summary>The epochs it trains in full (train.epochs, or a program's program.epochs), for progress and halving;
    /// 0 when a configuration has none.</summary>
    public int Epochs => ProgramEpochs ?? (Config.TryGetValue("train.epochs", out var e) && e is int n ? n : 0);

    /// <summary>A program's trial: program.epochs (0 when not given); null for Sweep's own networks.</summary>
    public int? ProgramEpochs { get; init; }

    /// <summary>e.g. "optimizer.lr=0.01 model.hidden=[64] seed=2".</summary>
    public string DisplayName => Varying.Count == 0 ? Id : string.Join(' ',
        Varying.Where(kv => NotDrawn?.Contains(kv.Key) != true).Select(kv => $"{kv.Key}={kv.Value}"));
}

/// <summary>The Plan stage's result: the trials of a sweep in order, which keys vary, and how many combinations
/// the sweep's exclusion rules left out. A search's plan also says how far its proposals have got.</summary>
public sealed record SweepPlan(Spec.SweepSpec Spec, IReadOnlyList<TrialPlan> Trials, IReadOnlyList<string> VaryingKeys,
    int Excluded = 0)
{
    public Search.SearchProgress? Search { get; init; }

    /// <summary>Whether the sweep decides from its own results as it runs (successive halving, a model-based search),
    /// so that it must run whole in one process rather than as separate trials (--trial, --shard, array
    /// tasks).</summary>
    public bool RunsWhole => Spec.Halving is not null || Spec.Search is { IsModelBased: true };
}
