using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Run;

public sealed class SearchRunTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Search = """
        search:
          method: tpe
          count: 10
          seed: 3
          startup: 4
          batch: 2
          optimizer.lr: { loguniform: [0.0001, 0.3] }
          model.hidden: { choice: [[8], [16], [32]] }
          train.batch_size: { int: [8, 64] }
        """;

    private SweepPlan Plan() => Expansion.Expand(SpecReader.Read(_files.Write("tpe.yaml", SweepFiles.Digits + Search)));

    [Fact]
    public void A_tpe_search_proposes_and_trains_the_same_trials_at_any_parallelism()
    {
        var one = TestSweeps.Run(Plan(), Path.Combine(_files.Dir, "p1"), 1);
        var two = TestSweeps.Run(Plan(), Path.Combine(_files.Dir, "p2"), 2);
        Assert.True(one.AllCompleted);
        Assert.Equal(10, one.Statuses.Count);
        Assert.Equal(10, PlanFile.Read(new ResultsLayout(one.ResultsDir)).Trials.Count);
        string summary = SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv"));
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(two.ResultsDir, "summary.csv")));
        // Its page: the best so far is a step (it never falls, and each rise is vertical), and the end of the random
        // start-up (4 proposals, 1 seed) is marked, as is each batch after it.
        var results = SweepResults.Load(one.ResultsDir);
        Assert.Equal(4, results.SearchStartup);
        var best = Sweep.Harness.Report.SweepCharts.For(results, Aggregation.ByConfiguration(results))
            .OfType<Sweep.Harness.Report.Charts.XyChart>().Single(c => c.FileName == "best-so-far");
        var line = best.Series.Single(s => s.Label == "best so far").Points;
        Assert.All(line.Zip(line.Skip(1)), p => Assert.True(p.Second.Y >= p.First.Y && (p.Second.X == p.First.X
            || p.Second.Y == p.First.Y), $"{p.First} → {p.Second}"));
        // Then each batch of 2 TPE proposed from the results before it: trials 5-6, 7-8, 9-10.
        Assert.Equal([4.5, 6.5, 8.5], best.Marks!.Select(m => m.At));
        Assert.Equal("random start-up ends", best.Marks![0].Label);
        // Which keys matter: bars from 0, so that shares compare by length.
        var importance = Sweep.Harness.Report.SweepCharts.For(results, Aggregation.ByConfiguration(results))
            .OfType<Sweep.Harness.Report.Charts.XyChart>().Single(c => c.FileName == "importance");
        Assert.All(importance.Series, s => Assert.True(s.Bars));
        Assert.Equal(0, importance.Y.Min);
        // The last bar is what no key explains alone: the shares and it add up to the whole variance.
        Assert.Equal(Sweep.Harness.Report.SweepCharts.RestLabel, importance.X.Categories![^1]);
        Assert.Equal(1, importance.Series.Sum(s => s.Points.Sum(p => p.Y)), 6);
        // Run again: everything is found finished, the same proposals are made from the files, nothing trains.
        var again = TestSweeps.Run(Plan(), one.ResultsDir, 2);
        Assert.Equal(10, again.Statuses.Count);
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")));
        // The plan command's view of the folder: all proposed, nothing to wait for.
        var fromFolder = SearchOutcomes.FromFolder(Plan(), new ResultsLayout(one.ResultsDir));
        Assert.Equal(new Sweep.Harness.Plan.Search.SearchProgress("tpe", 10, 10, null), fromFolder.Search);
    }

    /// <summary>TPE with asynchronous halving on the 8×8 digits: two brackets, 2 seeds, a learning rate wide enough
    /// that some trials diverge.</summary>
    private SweepPlan Bohb() => Expansion.Expand(SpecReader.Read(_files.Write("bohb.yaml", SweepFiles.Digits
        .Replace("epochs: 4", "epochs: 6") + """
        search:
          method: tpe
          count: 16
          seed: 5
          startup: 6
          batch: 3
          optimizer.lr: { loguniform: [0.0001, 3] }
          model.hidden: { choice: [[4], [16], [32]] }
          train.batch_size: { int: [8, 64] }
        halving:
          rungs: [1, 3]
          keep: 0.34
          asynchronous: true
          brackets: 2
        seeds: 2
        """)));

    [Fact]
    public void Tpe_with_asynchronous_halving_proposes_prunes_and_trains_the_same_at_any_parallelism_and_from_files()
    {
        var one = TestSweeps.Run(Bohb(), Path.Combine(_files.Dir, "b1"), 1);
        var two = TestSweeps.Run(Bohb(), Path.Combine(_files.Dir, "b2"), 2);
        string summary = SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv"));
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(two.ResultsDir, "summary.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(one.ResultsDir, "plan.csv")),
            File.ReadAllText(Path.Combine(two.ResultsDir, "plan.csv")));
        var layout = new ResultsLayout(one.ResultsDir);
        var recorded = PlanFile.Read(layout);
        // Every proposal made, every trial decided: completed, pruned at a rung, or diverged; none left paused.
        Assert.Equal(32, recorded.Trials.Count);
        Assert.All(one.Statuses, s => Assert.Contains(s.Status,
            new[] { TrialState.Completed, TrialState.Pruned, TrialState.Diverged }));
        Assert.Equal(32, one.Statuses.Count);
        Assert.Contains(one.Statuses, s => s.Status == TrialState.Pruned);
        Assert.Contains(one.Statuses, s => s.Status == TrialState.Completed && s.EpochsRun == 6);
        // The start-up learned from nothing; each later proposal from a rung or the end, which the plan records.
        var learned = recorded.LearnedFrom;
        Assert.Equal(12, learned.Values.Count(e => e is null));
        Assert.All(learned.Values.OfType<int>(), e => Assert.Contains(e, new[] { 1, 3, 6 }));
        Assert.Equal(20, learned.Values.Count(e => e is not null));
        // The summary rebuilt from the folder alone proposes the same: the plan command's and a cluster's view.
        var fromFolder = SearchOutcomes.FromFolder(Bohb(), layout);
        Assert.Equal(16, fromFolder.Search!.Proposed);
        Assert.Equal(recorded.Trials, fromFolder.Trials.Where(t => t.DuplicateOf is null).Select(t => t.Id));
        Assert.Equal(10, fromFolder.Search.LearnedFrom.Count(e => e is not null));
        // Run again: all found decided, nothing trains, nothing changes.
        TestSweeps.Run(Bohb(), one.ResultsDir, 2);
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")));
        // The page says what each proposal learned from.
        string page = File.ReadAllText(Sweep.Harness.Report.ReportBuilder.Build(one.ResultsDir));
        Assert.Contains("<th title=\"sort\">learned from</th>", page);
    }

    [Fact]
    public void A_tpe_search_runs_whole()
    {
        var plan = Plan();
        var e = Assert.Throws<RunException>(() =>
            new SweepRunner(TestSweeps.ShippedData(), new PlainReporter(TextWriter.Null))
            .Run(plan, new RunOptions(Path.Combine(_files.Dir, "shard"), 1, Shard: (0, 2)), default));
        Assert.Contains("proposes each batch from the results of the ones before", e.Message, StringComparison.Ordinal);
    }
}
