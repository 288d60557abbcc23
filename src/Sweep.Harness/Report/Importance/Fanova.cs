namespace Sweep.Harness.Report.Importance;

/// <summary>The values a feature ranges over: a list of points (a grid's values, choices: each equally likely), or
/// an interval (a search's real key, on its scale: uniform on it).</summary>
internal sealed record FeatureDomain(double Low, double High, IReadOnlyList<double>? Points)
{
    /// <summary>The share of the domain inside [lo, hi).</summary>
    public double Share(double lo, double hi) => Points is { } p
        ? p.Count(v => v >= lo && v < hi) / (double)p.Count
        : High > Low ? Math.Max(0, Math.Min(hi, High) - Math.Max(lo, Low)) / (High - Low)
        : Low >= lo && Low < hi ? 1 : 0;
}

/// <summary>
/// Functional ANOVA over a regression tree (Hutter, Hoos and Leyton-Brown, "An Efficient Approach for Assessing
/// Hyperparameter Importance", ICML 2014): the tree is a function of the keys, piecewise constant on its leaves'
/// boxes; over the keys' domains (independent, uniform) its variance splits into parts, and a key's main effect is
/// the variance of its marginal, the tree's mean over every other key. A key's importance is the share of the
/// variance its main effect explains, computed exactly per tree and averaged over the forest.
/// </summary>
internal static class Fanova
{
    /// <returns>Per feature, its share of each tree's variance (trees with no variance left out).</returns>
    public static List<double[]> MainEffectShares(IReadOnlyList<TreeNode> trees, IReadOnlyList<FeatureDomain> domains)
    {
        var shares = new List<double[]>();
        foreach (var tree in trees)
        {
            var leaves = new List<(double Value, double[] Lo, double[] Hi)>();
            Collect(tree, Enumerable.Repeat(double.NegativeInfinity, domains.Count).ToArray(),
                Enumerable.Repeat(double.PositiveInfinity, domains.Count).ToArray(), leaves);
            // Each leaf's share of the space along every key.
            var share = leaves.Select(l => domains.Select((d, f) => d.Share(l.Lo[f], l.Hi[f])).ToArray()).ToList();
            double Volume(int leaf, int except) =>
                share[leaf].Where((_, f) => f != except).Aggregate(1.0, (p, s) => p * s);
            double mean = leaves.Select((l, i) => l.Value * Volume(i, -1)).Sum();
            double variance = leaves.Select((l, i) => Volume(i, -1) * (l.Value - mean) * (l.Value - mean)).Sum();
            if (variance <= 1e-15) continue;
            var perFeature = new double[domains.Count];
            for (int f = 0; f < domains.Count; f++)
            {
                // The key's cells: between the tree's thresholds on it (its own points for a list).
                var cuts = leaves.SelectMany(l => new[] { l.Lo[f], l.Hi[f] })
                    .Where(double.IsFinite).Distinct().Order().ToList();
                var cells = domains[f].Points is { } points
                    ? points.Distinct().Select(p => (At: p, Weight: points.Count(q => q == p) / (double)points.Count))
                        .ToList()
                    : Cells(domains[f], cuts);
                double effect = 0;
                foreach (var (at, weight) in cells)
                {
                    double marginal = leaves
                        .Select((l, i) => at >= l.Lo[f] && at < l.Hi[f] ? l.Value * Volume(i, f) : 0).Sum();
                    effect += weight * (marginal - mean) * (marginal - mean);
                }
                perFeature[f] = effect / variance;
            }
            shares.Add(perFeature);
        }
        return shares;
    }

    /// <summary>An interval cut at the thresholds: each piece's midpoint and its share of the interval.</summary>
    private static List<(double At, double Weight)> Cells(FeatureDomain domain, List<double> cuts)
    {
        var bounds = new List<double> { domain.Low };
        bounds.AddRange(cuts.Where(c => c > domain.Low && c < domain.High));
        bounds.Add(domain.High);
        if (domain.High <= domain.Low) return [(domain.Low, 1)];
        double width = domain.High - domain.Low;
        return bounds.Zip(bounds.Skip(1)).Select(p => (0.5 * (p.First + p.Second), (p.Second - p.First) / width))
            .ToList();
    }

    private static void Collect(TreeNode node, double[] lo, double[] hi, List<(double, double[], double[])> leaves)
    {
        if (node.IsLeaf)
        {
            leaves.Add((node.Value, (double[])lo.Clone(), (double[])hi.Clone()));
            return;
        }
        double saved = hi[node.Feature];
        hi[node.Feature] = Math.Min(saved, node.Threshold);
        Collect(node.Left!, lo, hi, leaves);
        hi[node.Feature] = saved;
        saved = lo[node.Feature];
        lo[node.Feature] = Math.Max(saved, node.Threshold);
        Collect(node.Right!, lo, hi, leaves);
        lo[node.Feature] = saved;
    }
}
