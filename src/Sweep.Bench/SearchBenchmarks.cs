using BenchmarkDotNet.Attributes;
using Sweep.Core.Randomness;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Bench;

/// <summary>
/// One TPE proposal over the study's space (learning rate over six decades, optimizer, momentum when it applies,
/// width, activation, batch size) from <see cref="Finished"/> finished trials: the cost a search adds per trial.
/// </summary>
public class SearchBenchmarks
{
    [Params(100, 1000)]
    public int Finished { get; set; } = 1000;

    private IReadOnlyList<SearchDimension> _space = [];
    private List<SearchObservation> _observations = [];
    private ulong _next;

    [GlobalSetup]
    public void Setup()
    {
        var at = SpecSource.CommandLine;
        SpecValue V(object v) => new(v, at);
        SearchDimension Choice(string key, params object[] values) =>
            new(key, DistributionKind.Choice, 0, 0, values.Select(V).ToList(), at);
        var momentumOnly =
            new KeyMatch(new Dictionary<string, IReadOnlyList<SpecValue>> { ["optimizer.name"] = [V("momentum")] }, at);
        _space =
        [
            new SearchDimension("optimizer.lr", DistributionKind.LogUniform, 3e-6, 3, [], at),
            Choice("optimizer.name", "sgd", "momentum", "adam"),
            new SearchDimension("optimizer.momentum", DistributionKind.Uniform, 0.5, 0.99, [], at, momentumOnly),
            Choice("model.hidden", new[] { 16 }, new[] { 64 }, new[] { 256 }),
            Choice("model.activation", "relu", "sigmoid", "tanh"),
            new SearchDimension("train.batch_size", DistributionKind.Int, 8, 512, [], at),
        ];
        var rng = new RandomSource(1);
        _observations = Enumerable.Range(0, Finished).Select(_ =>
        {
            var drawn = SearchDimension.Active(_space, _space.ToDictionary(d => d.Key, d => d.Draw(rng)));
            // A made-up metric that prefers learning rates near 0.01.
            double score = 1 - Math.Abs(Math.Log10((double)drawn["optimizer.lr"]) + 2) / 6;
            return new SearchObservation(drawn, score);
        }).ToList();
    }

    [Benchmark]
    public IReadOnlyDictionary<string, object> Propose() =>
        TpeSampler.Propose(_space, _observations, new RandomSource(_next++));
}
