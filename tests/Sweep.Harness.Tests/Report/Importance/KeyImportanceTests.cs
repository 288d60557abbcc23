using System.Globalization;
using Sweep.Core.Randomness;
using Sweep.Harness.Report;
using Sweep.Harness.Report.Importance;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Report.Importance;

public sealed class KeyImportanceTests
{
    private static readonly Statistic None = new(null, null, 0);

    private static ConfigurationSummary Configuration(double metric, params (string Key, string Value)[] values) =>
        new(0, "", values.ToDictionary(v => v.Key, v => v.Value), [], new Statistic(metric, null, 1), None, None, None,
        None, None);

    private static string S(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void An_additive_metric_splits_its_variance_by_the_keys_effects()
    {
        // y = 2a + b + 0·c on a 10 × 10 grid (c a name that does nothing): Var(2a) = 4·Var(b), so a explains 0.8 of the
        // variance and b 0.2, each alone; c nothing.
        string[] names = ["sgd", "adam", "momentum"];
        var configurations = (from i in Enumerable.Range(0, 10) from j in Enumerable.Range(0, 10)
                              select Configuration(2 * i / 9.0 + j / 9.0, ("a", S(i / 9.0)), ("b", S(j / 9.0)),
                              ("c", names[(i * 7 + j * 3) % 3]))).ToList();
        var importance = KeyImportance.Of(configurations, ["c", "b", "a"])!;
        Assert.Equal(["a", "b", "c"], importance.Select(i => i.Key));
        Assert.Equal(0.8, importance[0].Share, 0.06);
        Assert.Equal(0.2, importance[1].Share, 0.06);
        Assert.InRange(importance[2].Share, 0, 0.03);
        Assert.Equal(1, importance.Sum(i => i.Normalised), 9);
    }

    [Fact]
    public void A_pure_interaction_has_no_main_effects()
    {
        // y = (a − ½)(b − ½): each key's mean over the other is constant, so neither explains anything alone; what the
        // forest finds is the noise of its bootstrap samples (a tenth or less), against 0.8 for a real effect above.
        var configurations = (from i in Enumerable.Range(0, 6) from j in Enumerable.Range(0, 6)
                              select Configuration((i / 5.0 - 0.5) * (j / 5.0 - 0.5), ("a", S(i / 5.0)),
                              ("b", S(j / 5.0)))).ToList();
        var importance = KeyImportance.Of(configurations, ["a", "b"])!;
        Assert.All(importance, i => Assert.InRange(i.Share, 0, 0.15));
    }

    [Fact]
    public void A_searched_learning_rate_over_decades_is_found_on_its_logarithm()
    {
        // 60 draws: lr log-uniform over four decades, the metric peaking at lr = 0.01; the width does nothing.
        var rng = new RandomSource(1);
        var configurations = Enumerable.Range(0, 60).Select(_ =>
        {
            double lr = Math.Pow(10, -4 + 4 * rng.NextDouble());
            string width = new[] { "[16]", "[64]", "[256]" }[rng.NextInt(3)];
            return Configuration(1 - Math.Pow(Math.Log10(lr) + 2, 2) / 4, ("optimizer.lr", S(lr)),
                ("model.hidden", width));
        }).ToList();
        var importance = KeyImportance.Of(configurations, ["model.hidden", "optimizer.lr"])!;
        Assert.Equal("optimizer.lr", importance[0].Key);
        Assert.InRange(importance[0].Share, 0.85, 1.0);
        Assert.InRange(importance[1].Share, 0, 0.05);
    }

    [Fact]
    public void A_search_of_thousands_is_fitted_on_a_fixed_sample_and_still_finds_its_key()
    {
        // 5,000 draws (the forest is grown on MaxConfigurations of them): lr matters, the dropout does nothing. Grown
        // on every one, this took minutes; the same configurations must give the same shares, run after run.
        var rng = new RandomSource(2);
        var configurations = Enumerable.Range(0, 5 * KeyImportance.MaxConfigurations).Select(_ =>
        {
            double lr = Math.Pow(10, -4 + 4 * rng.NextDouble()), dropout = 0.5 * rng.NextDouble();
            return Configuration(1 - Math.Pow(Math.Log10(lr) + 2, 2) / 4, ("optimizer.lr", S(lr)),
                ("train.dropout", S(dropout)));
        }).ToList();
        var first = KeyImportance.Of(configurations, ["train.dropout", "optimizer.lr"])!;
        Assert.Equal("optimizer.lr", first[0].Key);
        Assert.InRange(first[0].Share, 0.85, 1.0);
        Assert.Equal(first, KeyImportance.Of(configurations, ["train.dropout", "optimizer.lr"])!);
    }

    [Fact]
    public void Too_few_configurations_give_no_importance()
    {
        var configurations = Enumerable.Range(0, KeyImportance.MinConfigurations - 1)
            .Select(i => Configuration(i, ("a", S(i)))).ToList();
        Assert.Null(KeyImportance.Of(configurations, ["a"]));
        Assert.NotNull(KeyImportance.Of([.. configurations, Configuration(9, ("a", "9"))], ["a"]));
    }
}
