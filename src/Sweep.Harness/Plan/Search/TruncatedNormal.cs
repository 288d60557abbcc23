using Sweep.Core.Randomness;

namespace Sweep.Harness.Plan.Search;

/// <summary>A normal distribution cut to [low, high] and renormalised: one kernel of a Parzen estimator.</summary>
internal static class TruncatedNormal
{
    public static readonly double LogSqrt2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>The standard normal's cumulative distribution, from erfc (Numerical Recipes' Chebyshev fit,
    /// relative error under 1.2e-7): ample for ranking candidates.</summary>
    public static double Phi(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        double z = Math.Abs(x), t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>The log of the untruncated normal's mass in the bin [x − half, x + half]: a whole-number key's
    /// value.</summary>
    public static double LogBinMass(double x, double half, double mu, double sigma) =>
        Math.Log(Math.Max(Phi((x + half - mu) / sigma) - Phi((x - half - mu) / sigma), 1e-300));

    /// <summary>The normal's mass inside [low, high]: what truncation divides by.</summary>
    public static double Mass(double mu, double sigma, double low, double high) =>
        Math.Max(Phi((high - mu) / sigma) - Phi((low - mu) / sigma), 1e-300);

    /// <summary>A draw by rejection: the kernels' centres lie inside the range and their widths are at most the
    /// range, so at least about a third of the normal's draws land inside.</summary>
    public static double Sample(RandomSource rng, double mu, double sigma, double low, double high)
    {
        for (int i = 0; i < 10_000; i++)
        {
            double x = mu + sigma * rng.NextGaussian();
            if (x >= low && x <= high) return x;
        }
        return Math.Clamp(mu, low, high);
    }
}
