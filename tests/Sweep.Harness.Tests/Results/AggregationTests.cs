using Sweep.Harness.Report;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Results;

public sealed class AggregationTests
{
    /// <summary>A trial whose validation accuracy is <paramref name="accuracy"/> and whose test accuracy is <paramref
    /// name="test"/> (by default one point lower, so both orders agree unless a test says otherwise).</summary>
    private static TrialResult Trial(string id, string config, int seed, double? accuracy, double? test = -1)
    {
        var values = new Dictionary<string, string> { ["optimizer.lr"] = config,
            ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        double? testAccuracy = test == -1 ? accuracy - 0.01 : test;
        return new(id, accuracy is null ? TrialState.Diverged : TrialState.Completed, id, values, values,
            accuracy, accuracy is null ? null : 1 - accuracy, 1, accuracy, 1, testAccuracy, 0.1, 1, 1, "", "",
            Array.Empty<EpochRow>());
    }

    private static SweepResults Results(params TrialResult[] trials) =>
        new("/x", "s", ["optimizer.lr", "seed"], trials, Selection.For(ValidationMetric.Accuracy, trials), []);

    [Fact]
    public void Ranking_uses_the_mean_over_seeds_not_one_lucky_seed()
    {
        var results = Results(
            Trial("a1", "0.1", 1, 0.99), Trial("a2", "0.1", 2, 0.80), // one lucky seed, mean 0.895
            // steady, mean 0.91
            Trial("b1", "0.01", 1, 0.90), Trial("b2", "0.01", 2, 0.91), Trial("b3", "0.01", 3, 0.92));
        var ranked = Aggregation.ByConfiguration(results);
        Assert.Equal(["optimizer.lr=0.01", "optimizer.lr=0.1"], ranked.Select(c => c.Label));
        Assert.Equal(0.91, ranked[0].Selected.Mean!.Value, 12);
        Assert.Equal(0.01, ranked[0].Selected.Sd!.Value, 12);
        Assert.Equal(3, ranked[0].Selected.N);
        Assert.Equal("b2", ranked[0].RepresentativeBy(results.Selection)!.Id); // the typical seed, not the best one
    }

    [Fact]
    public void Trials_without_a_score_are_counted_but_not_averaged()
    {
        var results = Results(Trial("a1", "1", 1, null), Trial("a2", "1", 2, 0.5), Trial("b1", "2", 1, null));
        var ranked = Aggregation.ByConfiguration(results);
        Assert.Equal(new Statistic(0.5, null, 1), ranked[0].Selected);
        Assert.Equal(1, ranked[0].Completed);
        Assert.Equal(2, ranked[1].Rank);
        Assert.Null(ranked[1].Score);
    }

    [Fact]
    public void The_winner_is_chosen_on_validation_even_where_the_test_set_would_crown_another()
    {
        // a: better on validation, worse on test; b: the other way round. Choosing on test would be selecting on test
        // data.
        var results = Results(Trial("a1", "0.1", 1, 0.95, test: 0.90), Trial("b1", "0.01", 1, 0.93, test: 0.94));
        var ranked = Aggregation.ByConfiguration(results);
        Assert.Equal("optimizer.lr=0.1", ranked[0].Label);
        Assert.False(results.Selection.OnTest);
        Assert.Equal("validation accuracy", results.Selection.Label);
    }

    [Fact]
    public void Validation_loss_ranks_lowest_first()
    {
        // val_loss = 1 − accuracy: b lower
        TrialResult[] trials = [Trial("a1", "0.1", 1, 0.95), Trial("b1", "0.01", 1, 0.97)];
        var results = new SweepResults("/x", "s", ["optimizer.lr", "seed"], trials,
            Selection.For(ValidationMetric.Loss, trials), []);
        Assert.Equal("optimizer.lr=0.01", Aggregation.ByConfiguration(results)[0].Label);
    }

    [Fact]
    public void Without_a_validation_split_the_test_set_ranks_and_the_selection_says_so()
    {
        TrialResult[] trials = [Trial("a1", "0.1", 1, null, test: 0.8) with { Status = TrialState.Completed },
            Trial("b1", "0.01", 1, null, test: 0.9) with { Status = TrialState.Completed }];
        var selection = Selection.For(ValidationMetric.Accuracy, trials);
        Assert.True(selection.OnTest);
        Assert.Equal("test accuracy", selection.Label);
        var ranked = Aggregation.ByConfiguration(
            new SweepResults("/x", "s", ["optimizer.lr", "seed"], trials, selection, []));
        Assert.Equal("optimizer.lr=0.01", ranked[0].Label);
    }
}
