namespace Sweep.Harness.Report;

/// <summary>One configuration of a sweep (its trials over every seed) with its metrics aggregated over the seeds.</summary>
/// <param name="Rank">1 for the best mean test accuracy (validation accuracy when there is no test score).</param>
/// <param name="Label">e.g. "optimizer.lr=0.01 model.hidden=[64]"; the sweep's name when nothing but the seed varies.</param>
public sealed record ConfigurationSummary(
    int Rank, string Label, IReadOnlyDictionary<string, string> Values, IReadOnlyList<TrialResult> Trials,
    Statistic TestAccuracy, Statistic BestValidationAccuracy, Statistic TestLoss, Statistic TrainSeconds)
{
    public int Completed => Trials.Count(t => t.Status == "completed");

    /// <summary>The score configurations are ranked by: always a mean over seeds, never one lucky seed.</summary>
    public double? Score => TestAccuracy.Mean ?? BestValidationAccuracy.Mean;

    /// <summary>The seed whose test accuracy is closest to the mean: a typical trial to show, not the luckiest.</summary>
    public TrialResult? Representative => Trials.Where(t => t.TestAccuracy is not null)
        .OrderBy(t => Math.Abs(t.TestAccuracy!.Value - (TestAccuracy.Mean ?? 0))).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
}
