using ScottPlot;
using ScottPlot.TickGenerators;

namespace Sweep.Harness.Report.Charts;

/// <summary>An <see cref="XyChart"/> in ScottPlot: lines or points (never joined unless the series says so), bands
/// and error bars, log axes drawn on log10 values with their real values as labels, whole-number epochs, and
/// categories laid out horizontally when their names are long, so that no label is cut.</summary>
internal static class ScottXyChart
{
    public static bool Horizontal(XyChart chart) => chart.X.Categories is { } c && c.Any(l => l.Length > 12);

    public static void Draw(Plot plot, XyChart chart)
    {
        bool horizontal = Horizontal(chart);
        double X(double v) => chart.X.Scale == AxisScale.Log ? Math.Log10(v) : v;
        double Y(double v) => chart.Y.Scale == AxisScale.Log ? Math.Log10(v) : v;
        var legend = new List<LegendItem>();
        foreach (var s in chart.Series)
        {
            if (s.Label is { Length: > 0 } label) legend.Add(LegendEntry(s, label));
            if (s.Points.Count == 0) continue;
            var colour = Color.FromHex(s.Colour);
            double[] xs = s.Points.Select(p => X(p.X)).ToArray(), ys = s.Points.Select(p => Y(p.Y)).ToArray();
            // Laid horizontally, the first category (rank 1) goes at the top.
            if (horizontal) (xs, ys) = (ys, xs.Select(x => chart.X.Categories!.Count - 1 - x).ToArray());
            if (s.Bars)
            {
                // Under the error bars, which are drawn next.
                var bars = plot.Add.Bars(horizontal ? ys : xs, horizontal ? xs : ys);
                bars.Horizontal = horizontal;
                bars.Color = colour.WithAlpha(0.85);
            }
            if (s.Uncertainty == Uncertainty.Band && s.Points.All(p => p.Low is not null && p.High is not null))
            {
                var band = plot.Add.FillY(xs, s.Points.Select(p => Y(p.Low!.Value)).ToArray(),
                    s.Points.Select(p => Y(p.High!.Value)).ToArray());
                band.FillColor = colour.WithAlpha(0.18);
                band.LineWidth = 0;
                // Bands under every line: a later band must not veil an earlier series' line.
                plot.MoveToBack(band);
            }
            if (s.Uncertainty == Uncertainty.ErrorBars) ErrorBars(plot, s, xs, ys, Y, horizontal, colour);
            if (s.Bars) continue;
            var scatter = s.Line && s.Markers ? plot.Add.Scatter(xs, ys, colour) : s.Line ? plot.Add.ScatterLine(xs, ys,
                colour) : plot.Add.ScatterPoints(xs, ys, colour);
            scatter.LineWidth = s.Line ? 2 : 0;
            scatter.MarkerSize = s.Markers ? 7 : 0;
            scatter.LinePattern = PatternOf(s.Style);
            scatter.MarkerShape = ShapeOf(s.Shape);
        }
        foreach (var mark in chart.Marks ?? [])
        {
            ScottPlot.Plottables.AxisLine line = horizontal
                ? plot.Add.HorizontalLine(X(mark.At), 1, Colors.Gray, LinePattern.Dotted)
                : plot.Add.VerticalLine(X(mark.At), 1, Colors.Gray, LinePattern.Dotted);
            line.LabelText = mark.Label;
            // On the far side from the tick labels, which a label on the axis would cover, with room kept there so
            // that it does not cover the title either.
            line.LabelOppositeAxis = true;
            if (mark.Label.Length > 0)
            {
                IAxis side = horizontal ? plot.Axes.Right : plot.Axes.Top;
                side.MinimumSize = Math.Max(side.MinimumSize, horizontal ? 8 * mark.Label.Length + 12 : 24);
            }
        }

        var (xAxis, yAxis) = horizontal ? (chart.Y, chart.X) : (chart.X, chart.Y);
        plot.XLabel(xAxis.Label, 13);
        plot.YLabel(yAxis.Label, 13);
        Ticks(plot.Axes.Bottom, xAxis, reversed: false);
        Ticks(plot.Axes.Left, yAxis, reversed: horizontal);
        plot.Axes.AutoScale();
        Clamp(plot, chart.Y, vertical: !horizontal);
        var limits = plot.Axes.GetLimits();
        if (xAxis.Scale == AxisScale.Log) LogTicks(plot.Axes.Bottom, limits.Left, limits.Right);
        if (yAxis.Scale == AxisScale.Log) LogTicks(plot.Axes.Left, limits.Bottom, limits.Top);
        Legend(plot, legend);
    }

    /// <summary>The legend, in the series' <see cref="Series.LegendOrder"/> (a key's values in order). Beside the
    /// plot when it is narrow; below it when an entry is wider than about a quarter of the chart or there are many,
    /// so that the data area keeps its width.</summary>
    private static void Legend(Plot plot, List<LegendItem> items)
    {
        if (items.Count == 0) return;
        plot.Legend.ManualItems.AddRange(items);
        bool below = items.Count > 8 || items.Max(i => i.LabelText.Length) > WideLegendChars;
        if (!below) { plot.ShowLegend(Edge.Right); return; }
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
    }

    /// <summary>Characters of a legend entry past which the legend goes below the plot: at 12 px with its symbol,
    /// about a quarter of the chart's width.</summary>
    public const int WideLegendChars = 22;

    private static LegendItem LegendEntry(Series s, string label)
    {
        var colour = Color.FromHex(s.Colour);
        var item = new LegendItem { LabelText = label, Index = s.LegendOrder };
        if (s.Bars) { item.FillColor = colour.WithAlpha(0.85); return item; }
        if (s.Line)
        {
            item.LineColor = colour;
            item.LineWidth = 2;
            item.LinePattern = PatternOf(s.Style);
        }
        if (s.Markers || !s.Line)
        {
            item.MarkerShape = ShapeOf(s.Shape);
            item.MarkerFillColor = colour;
            item.MarkerLineColor = colour;
            item.MarkerSize = 7;
        }
        return item;
    }

    private static void ErrorBars(Plot plot, Series s, double[] xs, double[] ys, Func<double, double> y,
        bool horizontal, Color colour)
    {
        var withBars = s.Points.Select((p, i) => (p, i)).Where(x => x.p.High is not null).ToList();
        if (withBars.Count == 0) return;
        double[] ex = withBars.Select(x => xs[x.i]).ToArray(), ey = withBars.Select(x => ys[x.i]).ToArray();
        double[] err = withBars.Select(x => y(x.p.High!.Value) - y(x.p.Y)).ToArray();
        var bars = horizontal ? plot.Add.ErrorBar(ex, ey, new double[ex.Length]) : plot.Add.ErrorBar(ex, ey, err);
        if (horizontal)
        {
            bars.XErrorPositive = err;
            bars.XErrorNegative = err;
            bars.YErrorPositive = null!;
            bars.YErrorNegative = null!;
        }
        bars.Color = colour;
    }

    private static MarkerShape ShapeOf(MarkerKind kind) => kind switch
    {
        MarkerKind.Cross => MarkerShape.Cross,
        MarkerKind.Hollow => MarkerShape.OpenCircle,
        _ => MarkerShape.FilledCircle,
    };

    public static LinePattern PatternOf(int style) => (style % 4) switch
    {
        0 => LinePattern.Solid,
        1 => LinePattern.Dashed,
        2 => LinePattern.Dotted,
        _ => LinePattern.DenselyDashed,
    };

    /// <summary>Accuracy stops at 1: the axis does not run past it just because autoscaling adds a margin; a share
    /// starts at its <see cref="Axis.Min"/>, so that 0.40 against 0.28 reads as it is, not as 10 to 1.</summary>
    private static void Clamp(Plot plot, Axis axis, bool vertical)
    {
        var limits = plot.Axes.GetLimits();
        double low = vertical ? limits.Bottom : limits.Left, high = vertical ? limits.Top : limits.Right;
        if (axis.Min is double min) low = min;
        if (axis.Max is double max && high > max) high = max + 0.01;
        if (vertical) plot.Axes.SetLimitsY(low, high);
        else plot.Axes.SetLimitsX(low, high);
    }

    /// <summary>Characters of a category's label at most: at 12 px, about a third of the chart's width, so that the
    /// plot keeps the rest. A longer label is cut with '…' (a chart's labels say where its table has them whole).
    /// </summary>
    public const int MaxCategoryChars = 32;

    /// <summary>Ticks of a log axis (its positions are log10 values) at 1, 2 and 5 times the powers of ten in its
    /// range, or every whole multiple when that gives fewer than three, or only the powers when it gives more than
    /// ten: a grid of 16, 32, 64 spans less than a decade, and whole powers alone left it without a label.</summary>
    private static void LogTicks(IAxis panel, double low, double high)
    {
        // A chart with nothing on it yet (a report written before the first epoch) has no finite range; one over
        // dozens of decades is left to the automatic ticks.
        if (!double.IsFinite(low) || !double.IsFinite(high) || high <= low || high - low > 40) return;
        List<double> At(int[] multiples) =>
            [.. Enumerable.Range((int)Math.Floor(low), (int)Math.Ceiling(high) - (int)Math.Floor(low) + 1)
                .SelectMany(k => multiples.Select(m => Math.Log10(m) + k)).Where(p => p >= low && p <= high)];
        var ticks = At([1, 2, 5]);
        if (ticks.Count < 3) ticks = At([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        else if (ticks.Count > 10 && At([1]) is { Count: >= 3 } decades) ticks = decades;
        panel.SetTicks([.. ticks], [.. ticks.Select(p => ScottPlotRenderer.Number(Math.Pow(10, p)))]);
    }

    private static void Ticks(IAxis panel, Axis axis, bool reversed)
    {
        if (axis.Categories is { } categories)
        {
            panel.SetTicks(Enumerable.Range(0, categories.Count)
                .Select(i => (double)(reversed ? categories.Count - 1 - i : i)).ToArray(),
                categories.Select(c => c.Length <= MaxCategoryChars ? c : c[..(MaxCategoryChars - 1)] + "…")
                .ToArray());
            return;
        }
        if (axis.Scale == AxisScale.Log)
            panel.TickGenerator =
                new NumericAutomatic { IntegerTicksOnly = true, MinorTickGenerator = new LogMinorTickGenerator(),
                LabelFormatter = v => ScottPlotRenderer.Number(Math.Pow(10, v)) };
        else if (axis.Whole)
            panel.TickGenerator =
                new NumericAutomatic { IntegerTicksOnly = true, LabelFormatter = v => ScottPlotRenderer.Number(v) };
        else
            panel.TickGenerator = new NumericAutomatic { LabelFormatter = v => ScottPlotRenderer.Number(v) };
    }
}
