using Sweep.Harness.Report;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests.Report;

public sealed class AggregationTests
{
    private static TrialResult Trial(string id, string config, int seed, double? accuracy) => new(id, accuracy is null ? "diverged" : "completed", id,
        new Dictionary<string, string> { ["optimizer.lr"] = config, ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        accuracy, 1, accuracy, 0.1, 1, 1, "", Array.Empty<EpochRow>());

    [Fact]
    public void Ranking_uses_the_mean_over_seeds_not_one_lucky_seed()
    {
        var results = new SweepResults("/x", "s", ["optimizer.lr", "seed"],
        [
            Trial("a1", "0.1", 1, 0.99), Trial("a2", "0.1", 2, 0.80), // one lucky seed, mean 0.895
            Trial("b1", "0.01", 1, 0.90), Trial("b2", "0.01", 2, 0.91), Trial("b3", "0.01", 3, 0.92), // steady, mean 0.91
        ]);
        var ranked = Aggregation.ByConfiguration(results);
        Assert.Equal(["optimizer.lr=0.01", "optimizer.lr=0.1"], ranked.Select(c => c.Label));
        Assert.Equal(0.91, ranked[0].TestAccuracy.Mean!.Value, 12);
        Assert.Equal(0.01, ranked[0].TestAccuracy.Sd!.Value, 12);
        Assert.Equal(3, ranked[0].TestAccuracy.N);
        Assert.Equal("b2", ranked[0].Representative!.Id); // the typical seed, not the best one
    }

    [Fact]
    public void Trials_without_a_score_are_counted_but_not_averaged()
    {
        var results = new SweepResults("/x", "s", ["optimizer.lr", "seed"], [Trial("a1", "1", 1, null), Trial("a2", "1", 2, 0.5), Trial("b1", "2", 1, null)]);
        var ranked = Aggregation.ByConfiguration(results);
        Assert.Equal(new Statistic(0.5, null, 1), ranked[0].TestAccuracy);
        Assert.Equal(1, ranked[0].Completed);
        Assert.Equal(2, ranked[1].Rank);
        Assert.Null(ranked[1].Score);
    }
}
