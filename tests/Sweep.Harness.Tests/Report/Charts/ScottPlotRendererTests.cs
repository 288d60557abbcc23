using System.Text;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Tests.Report.Charts;

public class ScottPlotRendererTests
{
    [Fact]
    public void Dashed_and_dotted_lines_stay_patterned_in_the_svg()
    {
        DataPoint[] points = [new(1, 0.5), new(2, 0.7), new(3, 0.8)];
        var chart = new XyChart("curves", "curves", new Axis("epoch", Whole: true), new Axis("accuracy"),
            [new Series("solid", 0, points),
            new Series("dashed", 0, points.Select(p => p with { Y = p.Y - 0.1 }).ToList(), Style: 1)],
            [new Mark(2, "rung")]);
        var renderer = new ScottPlotRenderer();

        Assert.True(renderer.HasVector(chart));
        string svg = Encoding.UTF8.GetString(renderer.RenderVector(chart)!);

        // Skia's SVG canvas drops path effects; the renderer writes them back as the patterns' dash arrays.
        Assert.Contains($"stroke-dasharray=\"{string.Join(" ", ScottPlot.LinePattern.Dashed.Intervals)}\"", svg);
        Assert.Contains($"stroke-dasharray=\"{string.Join(" ", ScottPlot.LinePattern.Dotted.Intervals)}\"", svg);
        Assert.DoesNotContain("stroke-opacity=\"0.99", svg); // no tag left behind
    }

    [Fact]
    public void Heatmaps_have_no_svg_and_say_so_without_drawing()
    {
        var renderer = new ScottPlotRenderer();
        var chart = new HeatmapChart("grid", "grid", "a", "b", ["1"], ["2"], [[0.5]], [["0.5"]]);
        Assert.False(renderer.HasVector(chart));
        Assert.Null(renderer.RenderVector(chart));
    }
}
