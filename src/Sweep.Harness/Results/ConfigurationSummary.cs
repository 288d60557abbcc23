namespace Sweep.Harness.Results;

/// <summary>One configuration of a sweep (its trials over every seed) with its metrics aggregated over the
/// seeds.</summary>
/// <param name="Rank">1 for the best mean of the selection metric (a validation metric; see <see
/// cref="Selection"/>).</param>
/// <param name="Label">e.g. "optimizer.lr=0.01 model.hidden=[64]"; the sweep's name when nothing but the seed
/// varies.</param>
/// <param name="Selected">The selection metric over the seeds: what ranks.</param>
public sealed record ConfigurationSummary(
    int Rank, string Label, IReadOnlyDictionary<string, string> Values, IReadOnlyList<TrialResult> Trials,
    Statistic Selected, Statistic ValidationAccuracy, Statistic TestAccuracy, Statistic BestValidationAccuracy,
    Statistic TestLoss, Statistic TrainSeconds)
{
    public int Completed => Trials.Count(t => t.Status == Results.TrialState.Completed);

    /// <summary>The mean the configurations are ranked by: always over seeds, never one lucky seed.</summary>
    public double? Score => Selected.Mean;

    /// <summary>The seed whose selection metric is closest to the configuration's mean: a typical trial to show, not
    /// the luckiest. Chosen on the same metric as the winner, never on the test set.</summary>
    public TrialResult? RepresentativeBy(Selection selection) =>
        Trials.Where(t => selection.Of(t) is not null && t.TestAccuracy is not null)
        .OrderBy(t => Math.Abs(selection.Of(t)!.Value - (Selected.Mean ?? 0))).ThenBy(t => t.Id, StringComparer.Ordinal)
        .FirstOrDefault();
}
