using Sweep.Core.Randomness;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Plan.Search;

public sealed class TpeSamplerTests
{
    private static readonly SearchDimension X = new("train.dropout", DistributionKind.Uniform, 0, 1, [],
        SpecSource.CommandLine);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(300, 25)]
    public void The_good_share_is_a_tenth_rounded_up_and_at_most_25(int n, int good) =>
        Assert.Equal(good, TpeSampler.GoodCount(n));

    [Fact]
    public void Proposals_gather_where_the_good_observations_are()
    {
        // 40 observations spread over [0, 1], scored by closeness to 0.8: TPE's proposals lie near 0.8, where a
        // uniform draw would average 0.5.
        var observations = Enumerable.Range(0, 40).Select(i => (i * 0.025 + 0.0125) % 1)
            .Select(x => new SearchObservation(new Dictionary<string, object> { ["train.dropout"] = x },
            -Math.Abs(x - 0.8))).ToList();
        var proposals = Enumerable.Range(0, 100)
            .Select(i => (double)TpeSampler.Propose([X], observations, new RandomSource((ulong)i))["train.dropout"])
            .ToList();
        Assert.InRange(proposals.Average(), 0.72, 0.88);
        Assert.True(proposals.Count(x => Math.Abs(x - 0.8) < 0.15) >= 80, string.Join(", ", proposals));
    }

    [Fact]
    public void Observations_without_a_score_count_among_the_bad()
    {
        // The only scored observation is at 0.1; pending ones (the constant liar) at 0.8 and 0.85 push proposals away
        // from where they are, towards the good one.
        List<SearchObservation> observations =
        [
            new(new Dictionary<string, object> { ["train.dropout"] = 0.1 }, 1.0),
            new(new Dictionary<string, object> { ["train.dropout"] = 0.8 }, null),
            new(new Dictionary<string, object> { ["train.dropout"] = 0.85 }, null),
        ];
        var proposals = Enumerable.Range(0, 100)
            .Select(i => (double)TpeSampler.Propose([X], observations, new RandomSource((ulong)i))["train.dropout"])
            .ToList();
        Assert.True(proposals.Count(x => x < 0.5) >= 80, string.Join(", ", proposals));
    }

    [Fact]
    public void A_conditional_key_is_proposed_only_when_its_condition_holds()
    {
        var name = new SearchDimension("optimizer.name", DistributionKind.Choice, 0, 0,
            [new("sgd", SpecSource.CommandLine), new("momentum", SpecSource.CommandLine)], SpecSource.CommandLine);
        var momentum = new SearchDimension("optimizer.momentum", DistributionKind.Uniform, 0.5, 0.99, [],
            SpecSource.CommandLine,
            new KeyMatch(
                new Dictionary<string, IReadOnlyList<SpecValue>> { ["optimizer.name"] = [new("momentum",
                SpecSource.CommandLine)] }, SpecSource.CommandLine));
        var observations = new List<SearchObservation>
        {
            new(new Dictionary<string, object> { ["optimizer.name"] = "momentum", ["optimizer.momentum"] = 0.9 }, 0.9),
            new(new Dictionary<string, object> { ["optimizer.name"] = "sgd" }, 0.5),
        };
        for (int i = 0; i < 50; i++)
        {
            var proposal = TpeSampler.Propose([momentum, name], observations, new RandomSource((ulong)i));
            Assert.Equal((string)proposal["optimizer.name"] == "momentum", proposal.ContainsKey("optimizer.momentum"));
        }
    }
}
