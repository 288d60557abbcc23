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
        bool anyLegend = false;
        foreach (var s in chart.Series)
        {
            if (s.Points.Count == 0) continue;
            var colour = ScottPlotRenderer.ColourOf(s.Colour);
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
            }
            if (s.Uncertainty == Uncertainty.ErrorBars)
            {
                var withBars = s.Points.Select((p, i) => (p, i)).Where(x => x.p.High is not null).ToList();
                if (withBars.Count > 0)
                {
                    double[] ex = withBars.Select(x => xs[x.i]).ToArray(), ey = withBars.Select(x => ys[x.i]).ToArray();
                    double[] err = withBars.Select(x => Y(x.p.High!.Value) - Y(x.p.Y)).ToArray();
                    var bars = horizontal ? plot.Add.ErrorBar(ex, ey, new double[ex.Length]) : plot.Add.ErrorBar(ex, ey,
                        err);
                    if (horizontal)
                    {
                        bars.XErrorPositive = err;
                        bars.XErrorNegative = err;
                        bars.YErrorPositive = null!;
                        bars.YErrorNegative = null!;
                    }
                    bars.Color = colour;
                }
            }
            if (s.Bars) continue;
            var scatter = s.Line && s.Markers ? plot.Add.Scatter(xs, ys, colour) : s.Line ? plot.Add.ScatterLine(xs, ys,
                colour) : plot.Add.ScatterPoints(xs, ys, colour);
            scatter.LineWidth = s.Line ? 2 : 0;
            scatter.MarkerSize = s.Markers ? 7 : 0;
            scatter.LinePattern = ScottPlotRenderer.PatternOf(s.Colour + 8 * s.Style);
            if (s.Markers && s.Shape == MarkerKind.Cross) scatter.MarkerShape = MarkerShape.Cross;
            if (s.Label is { Length: > 0 } label) { scatter.LegendText = label; anyLegend = true; }
        }
        foreach (var mark in chart.Marks ?? [])
        {
            if (horizontal)
                plot.Add.HorizontalLine(X(mark.At), 1, Colors.Gray, LinePattern.Dotted).LabelText = mark.Label;
            else plot.Add.VerticalLine(X(mark.At), 1, Colors.Gray, LinePattern.Dotted).LabelText = mark.Label;
        }

        var (xAxis, yAxis) = horizontal ? (chart.Y, chart.X) : (chart.X, chart.Y);
        plot.XLabel(xAxis.Label, 13);
        plot.YLabel(yAxis.Label, 13);
        Ticks(plot.Axes.Bottom, xAxis, reversed: false);
        Ticks(plot.Axes.Left, yAxis, reversed: horizontal);
        plot.Axes.AutoScale();
        Clamp(plot, chart.Y, vertical: !horizontal);
        if (anyLegend) plot.ShowLegend(Edge.Right);
    }

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
