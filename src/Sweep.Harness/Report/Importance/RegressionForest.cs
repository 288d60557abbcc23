using Sweep.Core.Randomness;

namespace Sweep.Harness.Report.Importance;

/// <summary>A node of a regression tree: a leaf with its value, or a split "x[Feature] &lt; Threshold goes
/// left".</summary>
internal sealed record TreeNode(int Feature, double Threshold, TreeNode? Left, TreeNode? Right, double Value)
{
    public bool IsLeaf => Left is null;
}

/// <summary>
/// A random forest of regression trees (Breiman 2001) as fANOVA uses one: each tree grown on a bootstrap sample,
/// every feature tried at every split, the split that most reduces the squared error taken, grown until a leaf is
/// pure or holds one sample. Deterministic: the bootstrap draws come from a fixed seed.
/// </summary>
internal static class RegressionForest
{
    public const int Trees = 64;
    private const int MaxDepth = 32;

    public static List<TreeNode> Grow(double[][] x, double[] y, ulong seed = 0)
    {
        var rng = new RandomSource(seed);
        var trees = new List<TreeNode>(Trees);
        for (int t = 0; t < Trees; t++)
        {
            var sample = Enumerable.Range(0, y.Length).Select(_ => rng.NextInt(y.Length)).ToArray();
            trees.Add(Node(x, y, sample, 0));
        }
        return trees;
    }

    private static TreeNode Node(double[][] x, double[] y, int[] rows, int depth)
    {
        double mean = rows.Average(r => y[r]);
        if (rows.Length < 2 || depth >= MaxDepth || rows.All(r => y[r] == y[rows[0]]))
            return new TreeNode(-1, 0, null, null, mean);
        int features = x[0].Length;
        (int Feature, double Threshold, double Error) best = (-1, 0, Error(y, rows));
        for (int f = 0; f < features; f++)
        {
            var sorted = rows.OrderBy(r => x[r][f]).ToArray();
            // Running sums give every cut's squared error in one pass: Σy² − (Σy)²/n on each side.
            double leftSum = 0, leftSquares = 0;
            double totalSum = sorted.Sum(r => y[r]), totalSquares = sorted.Sum(r => y[r] * y[r]);
            for (int i = 0; i < sorted.Length - 1; i++)
            {
                double v = y[sorted[i]];
                leftSum += v;
                leftSquares += v * v;
                double a = x[sorted[i]][f], b = x[sorted[i + 1]][f];
                if (a == b) continue;
                int nl = i + 1, nr = sorted.Length - nl;
                double rightSum = totalSum - leftSum;
                double error =
                    leftSquares - leftSum * leftSum / nl + (totalSquares - leftSquares) - rightSum * rightSum / nr;
                if (error < best.Error - 1e-12) best = (f, 0.5 * (a + b), error);
            }
        }
        if (best.Feature < 0) return new TreeNode(-1, 0, null, null, mean);
        var left = rows.Where(r => x[r][best.Feature] < best.Threshold).ToArray();
        var right = rows.Where(r => x[r][best.Feature] >= best.Threshold).ToArray();
        return new TreeNode(best.Feature, best.Threshold,
            Node(x, y, left, depth + 1), Node(x, y, right, depth + 1), mean);
    }

    private static double Error(double[] y, int[] rows)
    {
        double mean = rows.Average(r => y[r]);
        return rows.Sum(r => (y[r] - mean) * (y[r] - mean));
    }
}
