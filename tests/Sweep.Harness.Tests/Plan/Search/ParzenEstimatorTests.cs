using Sweep.Core.Randomness;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Plan.Search;

public sealed class ParzenEstimatorTests
{
    private static SearchDimension Range(DistributionKind kind, double low, double high) =>
        new("optimizer.lr", kind, low, high, [], SpecSource.CommandLine);

    [Fact]
    public void A_real_key_mixes_truncated_normals_as_wide_as_the_gaps_clipped_and_a_prior()
    {
        // uniform [0, 10], observations 2 and 6. With the prior's centre 5: sorted 2, 5, 6. Without endpoint widths the
        // outer kernels take their inner gap: σ(2) = 5 − 2 = 3, σ(6) = 6 − 5 = 1, clipped up to 10 / min(100, 2 + 2) =
        // 2.5; the prior has σ = 10. Weights 1/3 each; each kernel renormalised on [0, 10]. By hand (Python's
        // math.erfc): log((N(4; 2, 3) + N(4; 6, 2.5) + N(4; 5, 10)) / 3) = −2.0914748191778756.
        var estimator = new ParzenEstimator(Range(DistributionKind.Uniform, 0, 10), [2, 6]);
        Assert.Equal(-2.0914748191778756, estimator.LogPdf(4), 5);
    }

    [Fact]
    public void A_whole_number_key_scores_the_mass_of_its_bin()
    {
        // int [1, 5], observation 2: the range widens to [0.5, 5.5]; prior centre 3; σ(2) = 3 − 2 = 1 clipped up to
        // 5 / 3; prior σ = 5. P(3.5 < X < 4.5) of each kernel, renormalised, weights 1/2: log = −1.7405916797854126.
        var estimator = new ParzenEstimator(Range(DistributionKind.Int, 1, 5), [2]);
        Assert.Equal(-1.7405916797854126, estimator.LogPdf(4), 5);
    }

    [Fact]
    public void A_choice_key_gives_each_observation_its_choice_plus_a_share_of_the_prior()
    {
        // Observations 0, 0, 2 of three choices: each row is (1/4 everywhere + 1 at its choice) / 1.75, the prior's row
        // is uniform, the four rows weigh 1/4 each: p = (0.476190, 0.190476, 0.333333).
        var dimension = new SearchDimension("optimizer.name", DistributionKind.Choice, 0, 0,
            [new("sgd", SpecSource.CommandLine), new("momentum", SpecSource.CommandLine),
            new("adam", SpecSource.CommandLine)], SpecSource.CommandLine);
        var estimator = new ParzenEstimator(dimension, [0, 0, 2]);
        Assert.Equal(Math.Log(2.0 / 4.2), estimator.LogPdf(0), 9);
        Assert.Equal(Math.Log(0.8 / 4.2), estimator.LogPdf(1), 9);
        Assert.Equal(Math.Log(1.0 / 3), estimator.LogPdf(2), 9);
    }

    [Fact]
    public void A_log_uniform_key_works_on_the_logarithm()
    {
        // The same mixture as the uniform case, on ln: observations e² and e⁶ in [1, e¹⁰], density at ln x = 4.
        var estimator = new ParzenEstimator(Range(DistributionKind.LogUniform, 1, Math.Exp(10)), [2, 6]);
        Assert.Equal(-2.0914748191778756, estimator.LogPdf(4), 5);
    }

    [Fact]
    public void Weights_are_equal_up_to_25_observations_then_the_oldest_fade()
    {
        Assert.All(ParzenEstimator.ObservationWeights(24), w => Assert.Equal(1, w));
        var weights = ParzenEstimator.ObservationWeights(30);
        Assert.Equal(1.0 / 30, weights[0], 12);
        Assert.Equal(1.0, weights[4], 12);
        Assert.True(weights[1] > weights[0] && weights[2] > weights[1]);
        Assert.All(weights[5..], w => Assert.Equal(1, w));
    }

    [Fact]
    public void Draws_stay_in_range_and_whole_numbers_stay_whole()
    {
        var rng = new RandomSource(3);
        var real = new ParzenEstimator(Range(DistributionKind.Uniform, 0, 1), [0.0, 0.01, 1.0]);
        var whole = new ParzenEstimator(Range(DistributionKind.Int, 8, 128), [8, 9, 128]);
        for (int i = 0; i < 2000; i++)
        {
            double x = real.Sample(rng), n = whole.Sample(rng);
            Assert.InRange(x, 0, 1);
            Assert.InRange(n, 8, 128);
            Assert.Equal(Math.Round(n), n);
        }
    }
}
