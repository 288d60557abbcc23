namespace Sweep.Harness.Results;

/// <summary>Mean and sample standard deviation of a metric over a configuration's seeds (trials without the metric,
/// such as diverged ones, are left out and counted by <see cref="N"/>). Sd is null for fewer than two values.</summary>
public sealed record Statistic(double? Mean, double? Sd, int N)
{
    public static Statistic Of(IEnumerable<double?> values)
    {
        var xs = values.OfType<double>().Where(double.IsFinite).ToList();
        if (xs.Count == 0) return new Statistic(null, null, 0);
        double mean = xs.Average();
        double? sd = xs.Count < 2 ? null : Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
        return new Statistic(mean, sd, xs.Count);
    }
}
