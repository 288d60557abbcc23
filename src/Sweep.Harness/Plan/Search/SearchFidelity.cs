namespace Sweep.Harness.Plan.Search;

/// <summary>
/// What a search under asynchronous halving can learn from, as BOHB does (Falkner, Klein and Hutter, ICML 2018): the
/// validation metric at each rung's epoch. To stay a function of the results alone, whatever the timing, a proposal
/// learns only from what every earlier configuration is sure to reach: its bracket's first rung (the end, for a
/// bracket without rungs). Promotions past it depend on which configurations happen to arrive first, so they are not
/// waited for; their later epochs are not used.
/// </summary>
/// <param name="Epochs">The epochs at which a configuration can be compared: every rung, and the end.</param>
/// <param name="SureEpoch">The epoch a trial reaches whatever the halving decides: its bracket's first rung, or its
/// last epoch.</param>
/// <param name="Settled">Whether a trial has reached its sure epoch: paused at or past it, or ended.</param>
/// <param name="SureMetricAt">A trial's metric (as the search reads it) after an epoch up to its sure epoch; null past
/// it, and where it did not get there.</param>
/// <param name="FailedEarly">Whether a trial ended without a result (diverged, failed, timed out) before its sure
/// epoch: bad, not unknown. Failing later, in a promotion, is not known in time either.</param>
public sealed record SearchFidelity(
    IReadOnlyList<int> Epochs,
    Func<TrialPlan, int> SureEpoch,
    Func<TrialPlan, bool> Settled,
    Func<TrialPlan, int, double?> SureMetricAt,
    Func<TrialPlan, bool> FailedEarly)
{
    /// <summary>A rung's model needs at least this many configurations measured there (BOHB: the dimensions plus
    /// one, and one more so that the good share is not a single point); otherwise a lower rung is used.</summary>
    public static int Enough(int dimensions) => dimensions + 2;
}
