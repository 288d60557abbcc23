using System.Globalization;
using Sweep.Core.Randomness;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan.Search;

/// <summary>A configuration proposed or tried so far: the values of its active keys, and its score when its trials
/// have ended (higher is better; null when it has none: pending, diverged or failed).</summary>
public sealed record SearchObservation(IReadOnlyDictionary<string, object> Values, double? Score);

/// <summary>
/// The tree-structured Parzen estimator (Bergstra, Bardenet, Bengio and Kégl, "Algorithms for Hyper-Parameter
/// Optimization", NeurIPS 2011), with Optuna's defaults (TPESampler: univariate, γ(n) = min(⌈0.1·n⌉, 25), 24
/// candidates): the observations are split into the best γ(n) and the rest; for each key, l(x) is a Parzen estimator
/// of the good values and g(x) of the others; 24 candidates drawn from l are ranked by l(x)/g(x) and the best is
/// proposed. Keys are proposed one at a time (unconditional keys first, then those whose when: holds), each from
/// the observations in which it was drawn. Observations without a score (pending: the constant liar; diverged or
/// failed) count among the bad.
/// </summary>
public static class TpeSampler
{
    public const int Candidates = 24;

    public static int GoodCount(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);

    public static IReadOnlyDictionary<string, object> Propose(IReadOnlyList<SearchDimension> space,
        IReadOnlyList<SearchObservation> observations, RandomSource rng)
    {
        // The best γ(n) by score (earlier first on ties); everything else, in plan order, is bad.
        var ranked = observations.Select((o, i) => (o, i)).Where(p => p.o.Score is not null)
            .OrderByDescending(p => p.o.Score!.Value).ThenBy(p => p.i)
            .Take(GoodCount(observations.Count)).Select(p => p.i).ToHashSet();
        var good = observations.Where((_, i) => ranked.Contains(i)).ToList();
        var bad = observations.Where((_, i) => !ranked.Contains(i)).ToList();

        var proposal = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var dimension in space.OrderBy(d => d.When is null ? 0 : 1))
        {
            if (dimension.When is { } when && !when.Matches(k => proposal.GetValueOrDefault(k))) continue;
            var l = new ParzenEstimator(dimension, Scaled(dimension, good));
            var g = new ParzenEstimator(dimension, Scaled(dimension, bad));
            double best = double.NaN, bestScore = double.NegativeInfinity;
            for (int c = 0; c < Candidates; c++)
            {
                double x = l.Sample(rng);
                // Scored as the trial would get it: rounded to the digits a value keeps.
                if (!dimension.IsChoice)
                    x = dimension.ToScale(Convert.ToDouble(dimension.ValueAt(x), CultureInfo.InvariantCulture));
                double score = l.LogPdf(x) - g.LogPdf(x);
                if (c == 0 || score > bestScore) (best, bestScore) = (x, score); // the first stands if none scores
            }
            proposal[dimension.Key] = dimension.IsChoice ? dimension.Choices[(int)best].Value : dimension.ValueAt(best);
        }
        return proposal;
    }

    /// <summary>The key's values in the observations that drew it, on its scale (a choice as its index).</summary>
    private static List<double> Scaled(SearchDimension dimension, IEnumerable<SearchObservation> observations) =>
        observations.Where(o => o.Values.ContainsKey(dimension.Key)).Select(o => o.Values[dimension.Key])
            .Select(v => dimension.IsChoice
                ? dimension.ChoiceIndex(v)
                : dimension.ToScale(Convert.ToDouble(v, CultureInfo.InvariantCulture)))
            .Where(x => x >= 0 || !dimension.IsChoice).ToList();
}
