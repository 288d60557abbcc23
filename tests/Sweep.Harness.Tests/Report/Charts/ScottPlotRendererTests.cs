using System.Text;
using System.Xml.Linq;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Tests.Report.Charts;

public class ScottPlotRendererTests
{
    [Fact]
    public void Dashed_and_dotted_lines_stay_patterned_in_the_svg()
    {
        DataPoint[] points = [new(1, 0.5), new(2, 0.7), new(3, 0.8)];
        var chart = new XyChart("curves", "curves", new Axis("epoch", Whole: true), new Axis("accuracy"),
            [new Series("solid", Palette.Summary, points),
            new Series("dashed", Palette.Summary, points.Select(p => p with { Y = p.Y - 0.1 }).ToList(), Style: 1)],
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

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Drawn(XyChart chart) =>
        XDocument.Parse(Encoding.UTF8.GetString(new ScottPlotRenderer().RenderVector(chart)!)).Root!;

    /// <summary>Each text of the chart by its content, with its box on the canvas.</summary>
    private static Dictionary<string, (double Left, double Top, double Right, double Bottom)> Texts(XElement svg) =>
        svg.Descendants(Svg + "text").Where(t => t.Value.Trim().Length > 0)
            .GroupBy(t => t.Value.Trim()).ToDictionary(g => g.Key, g => ChartLayoutTests.TextBox(g.First()));

    private static (double Top, double Bottom, double Right) DataArea(XElement svg)
    {
        var rect = svg.Descendants(Svg + "clipPath").Select(c => c.Element(Svg + "rect")).First(r => r is not null)!;
        double y = ChartLayoutTests.Number(rect, "y"), x = ChartLayoutTests.Number(rect, "x");
        return (y, y + ChartLayoutTests.Number(rect, "height"), x + ChartLayoutTests.Number(rect, "width"));
    }

    private static Series Line(string label, double offset, int order, int style = 0) =>
        new(label, Palette.Ordered(order, 3), [new(1, 0.5 + offset), new(2, 0.6 + offset), new(3, 0.7 + offset)],
            Style: style, LegendOrder: order);

    [Fact]
    public void The_legend_lists_entries_in_their_order_not_the_order_drawn()
    {
        // Drawn best last (on top), as learning curves are; listed by the key's value.
        var chart = new XyChart("curves", "curves", new Axis("epoch", Whole: true), new Axis("accuracy"),
            [Line("lr=0.3", 0.1, 2), Line("lr=0.01", 0, 0), Line("lr=0.1", 0.05, 1)]);
        var texts = Texts(Drawn(chart));
        Assert.True(texts["lr=0.01"].Top < texts["lr=0.1"].Top && texts["lr=0.1"].Top < texts["lr=0.3"].Top,
            string.Join(", ", new[] { "lr=0.01", "lr=0.1", "lr=0.3" }.Select(l => $"{l} at {texts[l].Top:0}")));
    }

    [Fact]
    public void A_narrow_legend_stands_beside_the_plot_and_a_wide_one_below_it()
    {
        var narrow = Drawn(new XyChart("curves", "curves", new Axis("epoch"), new Axis("accuracy"),
            [Line("lr=0.01", 0, 0), Line("lr=0.1", 0.05, 1)]));
        Assert.True(Texts(narrow)["lr=0.01"].Left > DataArea(narrow).Right);

        string wide = "optimizer.lr=0.01 model.hidden=[128, 64]";
        Assert.True(wide.Length > ScottXyChart.WideLegendChars);
        var below = Drawn(new XyChart("curves", "curves", new Axis("epoch"), new Axis("accuracy"),
            [Line(wide, 0, 0), Line("lr=0.1", 0.05, 1)]));
        Assert.True(Texts(below)[wide].Top > DataArea(below).Bottom,
            $"legend at {Texts(below)[wide].Top:0}, data area ends at {DataArea(below).Bottom:0}");
    }

    [Fact]
    public void An_entry_without_points_explains_a_line_pattern_in_the_legend()
    {
        var chart = new XyChart("curves", "curves", new Axis("epoch"), new Axis("accuracy"),
            [Line("lr=0.01", 0, 0, style: 2), new Series("hidden=[16]", Palette.Trial, [], Style: 1, LegendOrder: 9)]);
        var svg = Drawn(chart);
        Assert.Contains("hidden=[16]", Texts(svg).Keys);
        string xml = svg.ToString();
        // The dashed pattern appears only through the legend entry (the one line is dotted).
        Assert.Contains($"stroke-dasharray=\"{string.Join(" ", ScottPlot.LinePattern.Dashed.Intervals)}\"", xml);
    }

    [Theory]
    [InlineData(16, 64)]        // a grid of widths spaced by ratios: less than a decade
    [InlineData(0.0005, 0.004)] // a learning rate drawn over less than a decade
    [InlineData(0.00001, 1)]    // five decades
    public void A_log_axis_has_at_least_three_labelled_ticks_whatever_its_span(double low, double high)
    {
        var points = new List<DataPoint> { new(low, 0.5), new(Math.Sqrt(low * high), 0.7), new(high, 0.6) };
        var svg = Drawn(new XyChart("metric", "metric", new Axis("width", AxisScale.Log), new Axis("accuracy"),
            [new Series(null, Palette.Summary, points, Markers: true)]));
        var area = DataArea(svg);
        // The x axis's labels: numbers below the data area.
        var labels = Texts(svg).Where(t => t.Value.Top > area.Bottom && double.TryParse(t.Key,
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(t => t.Key).ToList();
        Assert.True(labels.Count >= 3, $"{low}–{high}: {string.Join(", ", labels)}");
        Assert.True(labels.Count <= 12, $"{low}–{high}: {string.Join(", ", labels)}");
    }

    [Fact]
    public void A_log_axis_with_nothing_on_it_yet_still_draws()
    {
        // A page rewritten before any trial finished an epoch: the metric against a log-scaled key has no point.
        var chart = new XyChart("metric", "metric", new Axis("lr", AxisScale.Log), new Axis("accuracy", Max: 1),
            [new Series("trial", Palette.Trial, [], Line: false, Markers: true)]);
        var renderer = new ScottPlotRenderer();
        Assert.NotEmpty(renderer.Render(chart));
        Assert.NotNull(renderer.RenderVector(chart));
    }
}
