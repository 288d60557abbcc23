using Sweep.Core.Randomness;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan.Search;

/// <summary>How a trial stands for the search: ended or not, and its metric when it ended with one.</summary>
public readonly record struct TrialOutcome(bool Ended, double? Metric)
{
    public static TrialOutcome Pending { get; } = new(false, null);
}

/// <summary>How far a search has got: proposals made, the total it will make, and what the next batch waits
/// for.</summary>
/// <param name="LearnedFrom">Under asynchronous halving, for each proposal, the epoch whose metrics its model was
/// fitted to (null for the random start-up); empty without halving.</param>
public sealed record SearchProgress(string Method, int Proposed, int Count, string? WaitingFor)
{
    public IReadOnlyList<int?> LearnedFrom { get; init; } = [];

    /// <summary>Whether every proposal has been made.</summary>
    public bool Complete => Proposed >= Count;

    /// <summary>Equal when every field is, the epochs compared value by value.</summary>
    public bool Equals(SearchProgress? other) => other is not null && Method == other.Method
        && Proposed == other.Proposed && Count == other.Count && WaitingFor == other.WaitingFor
        && LearnedFrom.SequenceEqual(other.LearnedFrom);

    public override int GetHashCode() => HashCode.Combine(Method, Proposed, Count, WaitingFor, LearnedFrom.Count);
}

/// <summary>
/// A search's proposals, batch by batch, as a pure function of the sweep file and the outcomes of the trials
/// proposed so far; nothing depends on timing, so the same file gives the same trials at any --parallel, after a
/// kill and resume, and on a cluster.
///
/// Batch 0 is the start-up: `startup` random draws (all `count` for `method: random`). Batch 1 comes when the
/// start-up has ended. Batch k ≥ 2 comes when batches 0 … k−2 have ended, and is proposed from their results with
/// batch k−1, and the batch's own earlier proposals, as pending (a constant liar): batch k−1 is still training
/// while batch k is proposed, so both cores stay busy, and batch k's proposals stay apart from what is in flight.
/// Proposal j draws from its own random stream, so the start-up of TPE and a random search of the same seed agree.
/// </summary>
public static class SearchPlanner
{
    /// <param name="outcomeOf">How each trial stands, e.g. from its status.json; a trial that duplicates an earlier one
    /// is asked about through the earlier one.</param>
    /// <param name="made">Proposals this process made before, from the same outcomes: kept instead of made again
    /// (they would come out the same), so a long search does not redo its whole history at every trial's end.</param>
    /// <param name="fidelity">Under asynchronous halving: what a proposal learns from (metrics at rungs), instead of
    /// <paramref name="outcomeOf"/>'s ended trials.</param>
    /// <param name="learnedFrom">With <paramref name="fidelity"/>, each proposal's epoch so far, kept with
    /// <paramref name="made"/>.</param>
    public static SweepPlan Plan(SweepSpec spec, Func<TrialPlan, TrialOutcome> outcomeOf,
        List<IReadOnlyDictionary<string, object>>? made = null, SearchFidelity? fidelity = null,
        List<int?>? learnedFrom = null)
    {
        var search = spec.Search ?? throw new ArgumentException("The sweep has no search.", nameof(spec));
        int startup = search.IsModelBased ? Math.Min(search.Startup, search.Count) : search.Count;
        var proposals = made ?? [];
        var epochs = learnedFrom ?? [];
        for (int j = proposals.Count; j < startup; j++) proposals.Add(RandomProposal(search, j));
        while (epochs.Count < proposals.Count) epochs.Add(null);

        var plan = Expansion.Expand(spec, proposals);
        string? waiting = null;
        for (int batch = 1; proposals.Count < search.Count; batch++)
        {
            if (proposals.Count >= BatchStart(search, startup, batch + 1)) continue; // made before
            // The proposals whose results batch `batch` learns from, and the pending ones it sees as bad.
            int known = batch == 1 ? startup : BatchStart(search, startup, batch - 1);
            int? epoch = null;
            var scores = fidelity is null ? Scores(plan, spec, search, known, outcomeOf)
                : RungScores(plan, spec, search, known, fidelity, out epoch);
            if (scores is null)
            {
                waiting = batch == 1 ? $"the {startup} start-up trials to end" : $"batch {batch - 2} to end";
                break;
            }
            // A proposal not measured at the model's epoch (NaN: pruned before it) is left out, not counted as bad.
            var observations = proposals
                .Select((p, i) => (Observation: new SearchObservation(p, i < known ? scores[i] : null), Index: i))
                .Where(o => o.Index >= known || o.Observation.Score is not double.NaN)
                .Select(o => o.Observation).ToList();
            int end = Math.Min(BatchStart(search, startup, batch + 1), search.Count);
            for (int j = proposals.Count; j < end; j++)
            {
                var proposal = TpeSampler.Propose(search.Space, observations, ProposalRandom(search, j));
                proposals.Add(proposal);
                epochs.Add(epoch);
                observations.Add(new SearchObservation(proposal, null));
            }
            plan = Expansion.Expand(spec, proposals);
        }
        return plan with
        {
            Search = new SearchProgress(search.Method, proposals.Count, search.Count, waiting)
            {
                LearnedFrom = fidelity is null ? Array.Empty<int?>() : epochs.ToList(),
            },
        };
    }

    /// <summary>Where batch k ≥ 1 starts: after the start-up and k − 1 batches.</summary>
    private static int BatchStart(SearchOptions search, int startup, int batch) => startup + (batch - 1) * search.Batch;

    /// <summary>Each of the first <paramref name="known"/> proposals' score (higher is better: the mean of its seeds'
    /// metric, negated for a loss; null if a seed ended without one), or null while any of their trials has not
    /// ended.</summary>
    private static double?[]? Scores(SweepPlan plan, SweepSpec spec, SearchOptions search, int known,
        Func<TrialPlan, TrialOutcome> outcomeOf)
    {
        var metric = search.MetricOr(spec.Select);
        int seeds = spec.Seeds.Count;
        var scores = new double?[known];
        for (int p = 0; p < known; p++)
        {
            double sum = 0;
            bool missing = false;
            for (int s = 0; s < seeds; s++)
            {
                var trial = plan.Trials[p * seeds + s];
                var outcome = outcomeOf(trial.DuplicateOf is int d ? plan.Trials[d] : trial);
                if (!outcome.Ended) return null;
                if (outcome.Metric is double m && double.IsFinite(m)) sum += m;
                else missing = true;
            }
            scores[p] = missing ? null : metric.Score(sum / seeds);
        }
        return scores;
    }

    /// <summary>Under halving: once every one of the first <paramref name="known"/> proposals' trials has reached the
    /// epoch it is sure to reach, each proposal's score at the highest epoch with enough of them measured (higher is
    /// better; null, so bad, for one that diverged or failed). A proposal not trained that far is left out: NaN, which
    /// the sampler does not observe. Null while any has not got there.</summary>
    private static double?[]? RungScores(SweepPlan plan, SweepSpec spec, SearchOptions search, int known,
        SearchFidelity fidelity, out int? epoch)
    {
        epoch = null;
        var metric = search.MetricOr(spec.Select);
        int seeds = spec.Seeds.Count;
        TrialPlan Trial(int p, int s) => plan.Trials[p * seeds + s] is var t && t.DuplicateOf is int d
            ? plan.Trials[d] : plan.Trials[p * seeds + s];
        for (int p = 0; p < known; p++)
            for (int s = 0; s < seeds; s++)
                if (!fidelity.Settled(Trial(p, s))) return null;
        foreach (int e in fidelity.Epochs.OrderDescending())
        {
            var scores = new double?[known];
            int measured = 0;
            for (int p = 0; p < known; p++)
            {
                var values = Enumerable.Range(0, seeds).Select(s => fidelity.SureMetricAt(Trial(p, s), e)).ToList();
                bool failed = Enumerable.Range(0, seeds).Any(s => fidelity.FailedEarly(Trial(p, s)));
                if (values.All(v => v is double m && double.IsFinite(m)))
                {
                    double mean = values.Average(v => v!.Value);
                    scores[p] = metric.Score(mean);
                    measured++;
                }
                else scores[p] = failed ? null : double.NaN;
            }
            if (measured >= SearchFidelity.Enough(search.Space.Count) || e == fidelity.Epochs.Min())
            {
                epoch = e;
                return scores;
            }
        }
        return null;
    }

    private static IReadOnlyDictionary<string, object> RandomProposal(SearchOptions search, int index)
    {
        var rng = ProposalRandom(search, index);
        return SearchDimension.Active(search.Space, search.Space.ToDictionary(d => d.Key, d => d.Draw(rng)));
    }

    private static RandomSource ProposalRandom(SearchOptions search, int index) =>
        RandomSource.Derive(search.Seed, FormattableString.Invariant($"search proposal {index}"));
}
