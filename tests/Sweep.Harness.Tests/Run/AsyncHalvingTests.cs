using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;
using static Sweep.Harness.Run.AsyncHalving;

namespace Sweep.Harness.Tests.Run;

public sealed class AsyncHalvingTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    /// <summary>"c3→9": where a configuration goes on to (its next pause, or the end).</summary>
    private static string Onward(Step s) =>
        $"{s.Configuration}→{s.PauseAfter?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "end"}";

    private static readonly HalvingOptions Half = new([1, 3], 0.5, ValidationMetric.Accuracy, SpecSource.CommandLine,
        Asynchronous: true);

    private static Func<string, int, Arrival> Scores(Dictionary<(string, int), double> scores,
        ISet<string>? notYet = null) =>
        (c, epoch) => notYet?.Contains(c) != true && scores.TryGetValue((c, epoch),
        out double score) ? new Arrival(true, score, true) : Arrival.NotYet;

    [Fact]
    public void A_configuration_goes_on_as_soon_as_it_is_in_the_best_share_of_those_that_reached_its_rung()
    {
        var halving = new AsyncHalving(["c0", "c1", "c2", "c3", "c4", "c5"], Half);
        var scores = new Dictionary<(string, int), double>
        {
            [("c0", 1)] = 0.5, [("c1", 1)] = 0.9, [("c2", 1)] = 0.1, [("c3", 1)] = 0.7, [("c4", 1)] = 0.8,
                [("c5", 1)] = 0.2,
            [("c1", 3)] = 0.6, [("c3", 3)] = 0.95, [("c4", 3)] = 0.7,
        };
        // Rung 1 in plan order: after c0 ⌊½⌋ = 0 go on; after c1, the best 1 (c1); after c3, the best 2 (c1, c3); after
        // c4 the best 2 are c1 and c4, so c4 goes on too (c3 went on before it could know). Closed: c0, c2, c5 stop.
        // Rung 3 in the order they went on (c1, c3, c4): after c3 the best 1 (c3) trains to the end; closed, the
        // synchronous ⌈3 · ½⌉ = 2 go on (c4 too) and c1 stops.
        var steps = halving.Update(Scores(scores));
        Assert.Equal(["c1→3", "c3→3", "c4→3", "c0 pruned at 1", "c2 pruned at 1", "c5 pruned at 1", "c3→end", "c4→end",
            "c1 pruned at 3"],
            steps.Select(s => s.Prune ? $"{s.Configuration} pruned at {s.Rung}" : Onward(s)));
        Assert.True(halving.Done);
    }

    [Fact]
    public void Arrivals_count_in_plan_order_whatever_order_they_finish_in()
    {
        var halving = new AsyncHalving(["c0", "c1", "c2"], Half);
        var scores = new Dictionary<(string, int), double> { [("c0", 1)] = 0.1, [("c1", 1)] = 0.9, [("c2", 1)] = 0.5 };
        // c1 and c2 are there first, but c0 is not: nothing is decided yet.
        Assert.Empty(halving.Update(Scores(scores, new HashSet<string> { "c0" })));
        var steps = halving.Update(Scores(scores));
        Assert.Equal("c1", steps[0].Configuration);
        Assert.Equal(3, steps[0].PauseAfter);
        Assert.False(halving.Done); // c1 has not reached epoch 3
    }

    [Fact]
    public void Brackets_start_at_later_rungs_and_the_last_trains_to_the_end()
    {
        var halving = new AsyncHalving(["c0", "c1", "c2", "c3", "c4", "c5"], Half with { Brackets = 3 });
        Assert.Equal(["c0→1", "c1→3", "c2→end", "c3→1", "c4→3", "c5→end"],
            halving.Start().Select(Onward));
    }

    private SweepOutcome Run(string outName, int parallel) =>
        TestSweeps.Run(Expansion.Expand(SpecReader.Read(_files.Write(outName + ".yaml",
        SweepFiles.Digits.Replace("epochs: 4", "epochs: 9") + """
        random:
          count: 8
          seed: 2
          optimizer.lr: { loguniform: [0.00003, 0.3] }
        seeds: 2
        halving: { rungs: [1, 3], keep: 0.5, asynchronous: true }
        """))), Path.Combine(_files.Dir, outName), parallel);

    [Fact]
    public void An_asynchronous_halving_sweep_cuts_the_same_trials_at_any_parallelism()
    {
        var one = Run("a1", 1);
        var two = Run("a2", 2);
        Assert.True(one.AllCompleted);
        Assert.Equal(16, one.Statuses.Count);
        Assert.Contains(one.Statuses, s => s.Status == TrialState.Pruned && s.EpochsRun == 1);
        Assert.Contains(one.Statuses, s => s.Status == TrialState.Completed && s.EpochsRun == 9);
        // Seeds of a configuration go on or stop together.
        Assert.All(one.Statuses.GroupBy(s => s.Name.Split(" seed=")[0]),
            g => Assert.Single(g.Select(s => (s.Status, s.EpochsRun)).Distinct()));
        Assert.Equal(SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")),
            SweepRunnerTests.WithoutTiming(Path.Combine(two.ResultsDir, "summary.csv")));
        Assert.InRange(two.IdleShare, 0, 1);
    }
}
