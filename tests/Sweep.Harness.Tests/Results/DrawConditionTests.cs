using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Results;

/// <summary>A search key drawn only `when:` others match: effective.yaml records the condition, and the report keeps
/// the default such a key kept elsewhere out of its tables, labels and charts.</summary>
public sealed class DrawConditionTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_condition_holds_on_any_listed_value_written_either_way_and_on_a_key_it_cannot_see()
    {
        var condition = new DrawCondition(new Dictionary<string, IReadOnlyList<string>>
        {
            ["optimizer.name"] = ["momentum", "nesterov"], ["train.batch_size"] = ["32"],
            ["model.hidden"] = ["[128, 64]"],
        });
        var values = new Dictionary<string, string>
            { ["optimizer.name"] = "momentum", ["train.batch_size"] = "3.2E+01", ["model.hidden"] = "[128,64]" };
        Assert.True(condition.HoldsFor(values));
        Assert.False(condition.HoldsFor(new Dictionary<string, string>(values) { ["optimizer.name"] = "adam" }));
        Assert.False(condition.HoldsFor(new Dictionary<string, string>(values) { ["train.batch_size"] = "33" }));
        Assert.False(condition.HoldsFor(new Dictionary<string, string>(values) { ["model.hidden"] = "[128]" }));
        // A key that does not vary is not in the values: the condition cannot be checked, so it does not hide.
        Assert.True(condition.HoldsFor(new Dictionary<string, string> { ["optimizer.name"] = "nesterov" }));
        Assert.Equal("optimizer.name = momentum or nesterov, train.batch_size = 32, model.hidden = [128, 64]",
            condition.ToString());
    }

    /// <summary>The same space as a `search:` (effective.yaml keeps the block) and as a `random:` draw
    /// (effective.yaml lists the configurations drawn; the report reads the block from the folder's sweep.yaml).
    /// </summary>
    [Theory]
    [InlineData("search")]
    [InlineData("random")]
    public void The_report_shows_no_default_a_configuration_did_not_draw_as_a_value_tried(string block)
    {
        string space = block == "search" ? SweepFiles.ConditionalSearch
            : SweepFiles.ConditionalSearch.Replace("search:\n  method: random\n", "random:\n");
        Assert.StartsWith(block + ":", space);
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + space)));
        string dir = TestSweeps.Run(plan, Path.Combine(_files.Dir, "out"), 2).ResultsDir;
        string page = File.ReadAllText(ReportBuilder.Build(dir));

        var results = SweepResults.Load(dir);
        Assert.Equal("optimizer.name = momentum", results.Conditions["optimizer.momentum"].ToString());
        // How each key was drawn, for its axis: momentum uniform (linear), the learning rate log-uniform (log).
        Assert.Equal("uniform", results.Distributions["optimizer.momentum"]);
        Assert.Equal("loguniform", results.Distributions["optimizer.lr"]);
        int sgd = results.Trials.Count(t => t.Values["optimizer.name"] == "sgd");
        int momentum = results.Trials.Count - sgd;
        Assert.InRange(sgd, 1, 9); // both kinds drawn, or the test says nothing

        // Each sgd row, in the configurations table and in the trials table, shows a greyed dash for momentum.
        Assert.Equal(2 * sgd, System.Text.RegularExpressions.Regex.Count(page, "title=\"not drawn: kept its default"));
        var labels = Aggregation.ByConfiguration(results).Select(c => c.Label).ToList();
        Assert.All(labels.Where(l => l.Contains("optimizer.name=sgd")),
            l => Assert.DoesNotContain("optimizer.momentum", l));
        Assert.Equal(momentum, labels.Count(l => l.Contains("optimizer.momentum=")));
        // So do the trials' names, as the plan gives them and the run writes them into summary.csv.
        Assert.All(plan.Trials, t => Assert.Equal(t.Config["optimizer.name"] as string == "momentum",
            t.DisplayName.Contains("optimizer.momentum=")));
        Assert.All(results.Trials, t => Assert.Equal(t.Values["optimizer.name"] == "momentum",
            t.Name.Contains("optimizer.momentum=")));

        // The metric against momentum plots the trials that drew it, and its title says which they are.
        var chart = SweepCharts.For(results, Aggregation.ByConfiguration(results))
            .OfType<Sweep.Harness.Report.Charts.XyChart>().Single(c => c.FileName == "metric-vs-optimizer-momentum");
        Assert.Equal(momentum, chart.Series[0].Points.Count);
        Assert.EndsWith($"(the {momentum} trials that drew it: optimizer.name = momentum)", chart.Title);

        // Parallel coordinates: an sgd trial's line has no point on the momentum axis (it breaks there), and the
        // axis spans the values drawn, not the default 0.9 the others kept.
        var parallel = SweepCharts.For(results, Aggregation.ByConfiguration(results))
            .OfType<Sweep.Harness.Report.Charts.ParallelCoordinatesChart>().Single();
        int axis = parallel.Axes.ToList().FindIndex(a => a.Label == "momentum"); // named by its tail
        Assert.Equal(sgd, parallel.Lines.Count(l => double.IsNaN(l[axis])));
        Assert.All(parallel.Lines.Where(l => !double.IsNaN(l[axis])), l => Assert.InRange(l[axis], 0.5, 0.95));
    }
}
