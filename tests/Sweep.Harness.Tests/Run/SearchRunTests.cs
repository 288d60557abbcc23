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
        // Run again: everything is found finished, the same proposals are made from the files, nothing trains.
        var again = TestSweeps.Run(Plan(), one.ResultsDir, 2);
        Assert.Equal(10, again.Statuses.Count);
        Assert.Equal(summary, SweepRunnerTests.WithoutTiming(Path.Combine(one.ResultsDir, "summary.csv")));
        // The plan command's view of the folder: all proposed, nothing to wait for.
        var fromFolder = SearchOutcomes.FromFolder(Plan(), new ResultsLayout(one.ResultsDir));
        Assert.Equal(new Sweep.Harness.Plan.Search.SearchProgress("tpe", 10, 10, null), fromFolder.Search);
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
