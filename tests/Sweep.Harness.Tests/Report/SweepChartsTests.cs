using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Report;

/// <summary>What the page's charts encode, on sweeps run for real: one colour means one thing on the page, and a
/// result halving stopped early is never drawn as the equal of a finished one.</summary>
public sealed class SweepChartsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private (SweepResults Results, IReadOnlyList<Chart> Charts) Run(string name, string factors, int epochs = 1)
    {
        string sweep = $"name: {name}\n" + SweepFiles.Tiny.Replace("epochs: 1", $"epochs: {epochs}") + factors;
        var plan = Expansion.Expand(SpecReader.Read(_files.Write(name + ".yaml", sweep)));
        string dir = TestSweeps.Run(plan, Path.Combine(_files.Dir, name), 2).ResultsDir;
        var results = SweepResults.Load(dir);
        return (results, SweepCharts.For(results, Aggregation.ByConfiguration(results)));
    }

    private static XyChart Xy(IReadOnlyList<Chart> charts, string file) =>
        charts.OfType<XyChart>().Single(c => c.FileName == file);

    [Fact]
    public void A_value_has_one_colour_on_the_page_and_roles_have_theirs()
    {
        var (_, charts) = Run("grid", """
            grid:
              optimizer.lr: [0.3, 0.03, 0.003]
              model.hidden: [[4], [8], [16]]

            """);
        var interaction = Xy(charts, "interaction");
        var curves = Xy(charts, "learning-curves-accuracy");
        // The interaction's lines and the learning curves name the same key's values, in the same colours, light to
        // dark in the values' order.
        var lines = interaction.Series.Where(s => s.Label is { } l && l.Contains('=')).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(3, lines.Select(s => s.Colour).Distinct().Count());
        foreach (var line in lines)
        {
            string label = line.Label!, value = label[(label.IndexOf('=') + 1)..];
            var same = curves.Series.Where(s => s.Label is { } l && l.Contains(label)).ToList();
            Assert.NotEmpty(same);
            Assert.All(same, s => Assert.Equal(line.Colour, s.Colour));
            Assert.Contains(value, new[] { "[4]", "[8]", "[16]", "0.3", "0.03", "0.003" });
        }
        Assert.Equal(lines.OrderBy(s => s.LegendOrder).Select(s => s.Colour),
            lines.Select((_, i) => Palette.Ordered(i, 3)));
        // Each trial grey and the summary black wherever they appear; no value colour on those charts.
        foreach (var file in new[] { "metric-vs-optimizer-lr", "metric-vs-model-hidden", "metric-vs-time" })
            Assert.All(Xy(charts, file).Series,
                s => Assert.Contains(s.Colour, new[] { Palette.Trial, Palette.Summary }));
        var winner = Xy(charts, "train-vs-validation");
        Assert.Equal((Palette.Trial, 1), (winner.Series[0].Colour, winner.Series[0].Style));
        Assert.Equal((Palette.Summary, 0), (winner.Series[1].Colour, winner.Series[1].Style));
    }

    [Fact]
    public void Configurations_halving_stopped_early_are_hollow_and_their_cells_name_the_epoch()
    {
        var (results, charts) = Run("halving", """
            grid:
              optimizer.lr: [0.3, 0.03, 0.003, 0.0003]
              model.hidden: [[4], [16]]
            halving: { rungs: [1], keep: 0.5 }

            """, epochs: 2);
        int pruned = results.Trials.Count(t => t.Status == TrialState.Pruned);
        Assert.InRange(pruned, 1, results.Trials.Count - 1);

        var ranked = Xy(charts, "ranked");
        var hollow = ranked.Series.Single(s => s.Shape == MarkerKind.Hollow);
        Assert.Equal("stopped early (partial budget)", hollow.Label);
        Assert.Equal(pruned, hollow.Points.Count);
        Assert.Equal(results.Trials.Count - pruned,
            ranked.Series.Single(s => s.Shape != MarkerKind.Hollow).Points.Count);

        var heatmap = charts.OfType<HeatmapChart>()
            .Single(c => c.FileName.StartsWith("grid-", StringComparison.Ordinal));
        Assert.Equal(pruned,
            heatmap.CellText.SelectMany(r => r).Count(t => t.EndsWith("\nep 1", StringComparison.Ordinal)));
        Assert.Contains("ep N: halving stopped it at epoch N", heatmap.Title);

        var interaction = Xy(charts, "interaction");
        Assert.Equal(pruned, interaction.Series.Where(s => s.Shape == MarkerKind.Hollow).Sum(s => s.Points.Count));
        Assert.Single(interaction.Series, s => s.Label == "stopped early (partial budget)");
        var byTrial = Xy(charts, "metric-vs-optimizer-lr");
        Assert.Equal(pruned, byTrial.Series.Where(s => s.Shape == MarkerKind.Hollow).Sum(s => s.Points.Count));
    }
}
