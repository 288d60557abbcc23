using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

public sealed class SuccessiveHalvingTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static TrialPlan Trial(int index, string lr, int seed) =>
        new(index, $"t{index}", new Dictionary<string, object?>(),
        [KeyValuePair.Create("optimizer.lr", lr),
        KeyValuePair.Create("seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture))], null);

    private static readonly HalvingOptions Half = new([2], 0.5, ValidationMetric.Accuracy, SpecSource.CommandLine);

    [Fact]
    public void Configurations_survive_by_their_mean_over_seeds_and_fall_together()
    {
        TrialPlan[] trials = [Trial(0, "a", 1), Trial(1, "a", 2), Trial(2, "b", 1), Trial(3, "b", 2), Trial(4, "c", 1),
            Trial(5, "c", 2)];
        // a: one lucky seed (mean 0.75); b: steady (0.80); c: a seed that diverged (no metric) ranks last.
        double?[] accuracy = [0.95, 0.55, 0.80, 0.80, 0.99, null];
        var survivors = SuccessiveHalving.Survivors(trials, 2, Half, (t, _) => accuracy[t.Index]);
        // ceil(3 · 0.5) = 2 configurations
        Assert.Equal(["t2", "t3", "t0", "t1"], survivors.OrderBy(t => t.Index != 2 && t.Index != 3).Select(t => t.Id));
        Assert.DoesNotContain(survivors, t => t.Id is "t4" or "t5");
    }

    [Fact]
    public void Loss_ranks_lower_first_and_ties_keep_plan_order()
    {
        TrialPlan[] trials = [Trial(0, "a", 1), Trial(1, "b", 1), Trial(2, "c", 1), Trial(3, "d", 1)];
        double?[] loss = [0.5, 0.2, 0.2, 0.9];
        var byLoss = Half with { Metric = ValidationMetric.Loss };
        Assert.Equal(["t1", "t2"], SuccessiveHalving.Survivors(trials, 2, byLoss, (t, _) => loss[t.Index])
            .Select(t => t.Id));
        Assert.Equal(["t1"], SuccessiveHalving.Survivors(trials, 2, byLoss with { Keep = 0.1 }, (t, _) => loss[t.Index])
            .Select(t => t.Id));
    }

    private SweepOutcome Run(string outName, int parallel)
    {
        string yaml = SweepFiles.Digits
            + "train:\n  epochs: 6\n  batch_size: 16\ngrid:\n  optimizer.lr: [0.0005, 0.003, 0.01, 0.03]\nseeds: " +
            "2\nhalving: { rungs: [1, 3], keep: 0.5 }\n";
        yaml = yaml.Replace("train:\n  epochs: 4\n  batch_size: 16\n", "");
        var plan = Expansion.Expand(SpecReader.Read(_files.Write(outName + ".yaml", yaml)));
        return TestSweeps.Run(plan, Path.Combine(_files.Dir, outName), parallel);
    }

    [Fact]
    public void A_halving_sweep_cuts_the_same_trials_at_any_parallelism_and_reruns_change_nothing()
    {
        var one = Run("h1", 1);
        var two = Run("h2", 2);
        Assert.True(one.AllCompleted);
        Assert.Equal(8, one.Statuses.Count);
        // 4 configurations → 2 after epoch 1 → 1 after epoch 3, which trains to epoch 6.
        Assert.Equal(6, one.Statuses.Count(s => s.Status == TrialState.Pruned));
        Assert.Equal(2, one.Statuses.Count(s => s.Status == TrialState.Completed && s.EpochsRun == 6));
        Assert.Equal(4, one.Statuses.Count(s => s.Status == TrialState.Pruned && s.EpochsRun == 1));
        Assert.All(one.Statuses.Where(s => s.Status == TrialState.Pruned), s => Assert.NotNull(s.TestAccuracy));
        string summary = SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv"));
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(two.ResultsDir, "summary.csv")));

        var again = Run("h1", 2);
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(again.ResultsDir, "summary.csv")));
        Assert.Throws<RunException>(() => new SweepRunner(TestSweeps.ShippedData(), new PlainReporter(TextWriter.Null))
            .Run(Expansion.Expand(SpecReader.Read(Path.Combine(_files.Dir, "h1.yaml"))),
            new RunOptions(Path.Combine(_files.Dir, "h3"), 1, Shard: (0, 2)), CancellationToken.None));
    }
}
