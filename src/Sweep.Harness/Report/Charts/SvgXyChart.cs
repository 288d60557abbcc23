namespace Sweep.Harness.Report.Charts;

/// <summary>Draws an <see cref="XyChart"/>: grid, bands, lines, error bars, markers, axes, and a legend outside the
/// plot area so it never covers data.</summary>
internal static class SvgXyChart
{
    private const double MinWidth = 680, Height = 400, Top = 40, LegendRow = 17, TickFont = 11, LabelFont = 12.5;

    public static byte[] Render(XyChart chart)
    {
        var points = chart.Series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var x = Scale(chart.X, points.Select(p => p.X));
        var y = Scale(chart.Y, points.SelectMany(p => new[] { p.Y, p.Low ?? p.Y, p.High ?? p.Y }).Where(double.IsFinite));
        var xLabels = chart.X.Categories?.Select(c => Truncate(c, 44)).ToList() ?? Ticks.Labels(x.Ticks, chart.X.Scale);
        var yLabels = Ticks.Labels(y.Ticks, chart.Y.Scale);
        var legend = chart.Series.Where(s => s.Label is not null).DistinctBy(s => (s.Label, s.Colour)).OrderBy(s => s.Colour).ToList(); // colour order is the parameter's order

        double width = Math.Max(MinWidth, SvgCanvas.TextWidth(chart.Title, 15) + 30);
        double legendWidth = legend.Count == 0 ? 0 : Math.Max(legend.Max(s => SvgCanvas.TextWidth(s.Label!, 11)), SvgCanvas.TextWidth(chart.LegendTitle ?? "", 11)) + 40;
        legendWidth = Math.Min(legendWidth, 240);
        bool rotate = chart.X.Categories is not null && xLabels.Sum(l => SvgCanvas.TextWidth(l, TickFont) + 8) > width - 200 - legendWidth;
        double xLabelDepth = rotate ? Math.Min(xLabels.Max(l => SvgCanvas.TextWidth(l, TickFont)) * 0.6 + 12, 150) : 18;
        double left = 30 + yLabels.Max(l => SvgCanvas.TextWidth(l, TickFont)), right = width - 16 - legendWidth;
        if (rotate) left = Math.Max(left, Math.Min(xLabels.Max(l => SvgCanvas.TextWidth(l, TickFont)) * 0.82 - 20, 230)); // room for the first slanted label
        double height = Height + (rotate ? xLabelDepth - 18 : 0), bottom = height - 30 - xLabelDepth;

        var svg = new SvgCanvas(width, height, chart.Title);
        // Data keeps a small margin from the frame (categories have theirs already), so no marker sits on an edge.
        double xInset = chart.X.Categories is null ? 0.03 : 0, yInset = 0.03;
        double Px(double v) => left + (xInset + x.Fraction(v) * (1 - 2 * xInset)) * (right - left);
        double Py(double v) => bottom - (yInset + y.Fraction(v) * (1 - 2 * yInset)) * (bottom - Top);

        // Grid and frame first, so data is drawn over them.
        foreach (var t in y.Ticks) svg.Line(left, Py(t), right, Py(t), "#e6e6e6");
        var xTicks = chart.X.Categories is null ? x.Ticks : Enumerable.Range(0, chart.X.Categories.Count).Select(i => (double)i).ToList();
        foreach (var t in xTicks) svg.Line(Px(t), Top, Px(t), bottom, "#f0f0f0");
        svg.Rect(left, Top, right - left, bottom - Top, "none", "#888888");

        foreach (var s in chart.Series.Where(s => s.Uncertainty == Uncertainty.Band))
        {
            var band = Finite(s).Where(p => p.Low is not null && p.High is not null).ToList();
            if (band.Count > 1)
                svg.Polygon(band.Select(p => (Px(p.X), Py(p.High!.Value))).Concat(band.AsEnumerable().Reverse().Select(p => (Px(p.X), Py(p.Low!.Value)))), Palette.Colour(s.Colour), 0.16);
        }
        foreach (var s in chart.Series.Where(s => s.Line))
        {
            var line = Finite(s).ToList();
            if (line.Count > 1) svg.Polyline(line.Select(p => (Px(p.X), Py(p.Y))), Palette.Colour(s.Colour), dash: Palette.Dash(s.Colour), tooltip: s.Label);
        }
        foreach (var s in chart.Series.Where(s => s.Uncertainty == Uncertainty.ErrorBars))
            foreach (var p in Finite(s).Where(p => p.Low is not null && p.High is not null))
            {
                string c = Palette.Colour(s.Colour);
                svg.Line(Px(p.X), Py(p.Low!.Value), Px(p.X), Py(p.High!.Value), c, 1.4);
                svg.Line(Px(p.X) - 4, Py(p.Low!.Value), Px(p.X) + 4, Py(p.Low!.Value), c, 1.4);
                svg.Line(Px(p.X) - 4, Py(p.High!.Value), Px(p.X) + 4, Py(p.High!.Value), c, 1.4);
            }
        foreach (var s in chart.Series.Where(s => s.Markers))
            foreach (var p in Finite(s))
                svg.Circle(Px(p.X), Py(p.Y), 3.6, Palette.Colour(s.Colour), Tooltip(chart, s, p));

        for (int i = 0; i < y.Ticks.Count; i++)
        {
            svg.Line(left - 4, Py(y.Ticks[i]), left, Py(y.Ticks[i]), "#555555");
            svg.Text(left - 7, Py(y.Ticks[i]) + 4, yLabels[i], TickFont, anchor: "end", fill: "#444444");
        }
        for (int i = 0; i < xTicks.Count; i++)
        {
            double px = Px(xTicks[i]);
            svg.Line(px, bottom, px, bottom + 4, "#555555");
            if (rotate) svg.Text(px + 3, bottom + 14, xLabels[i], TickFont, anchor: "end", fill: "#444444", rotate: -35);
            else svg.Text(px, bottom + 17, xLabels[i], TickFont, anchor: "middle", fill: "#444444");
        }
        svg.Text((left + right) / 2, height - 12, chart.X.Label, LabelFont, anchor: "middle");
        double yLabelX = left - 16 - yLabels.Max(l => SvgCanvas.TextWidth(l, TickFont));
        svg.Text(yLabelX, (Top + bottom) / 2, chart.Y.Label, LabelFont, anchor: "middle", rotate: -90);
        DrawLegend(svg, chart, legend, right + 16, bottom);
        return svg.Finish();
    }

    private static void DrawLegend(SvgCanvas svg, XyChart chart, List<Series> legend, double x, double bottom)
    {
        if (legend.Count == 0) return;
        double y = Top + 8;
        if (chart.LegendTitle is not null)
        {
            svg.Text(x, y + 4, chart.LegendTitle, 11, weight: "bold");
            y += LegendRow;
        }
        int fits = Math.Max(1, (int)((bottom - y) / LegendRow));
        foreach (var (s, i) in legend.Select((s, i) => (s, i)))
        {
            if (i == fits - 1 && legend.Count > fits)
            {
                svg.Text(x, y + 4, $"… and {legend.Count - i} more", 11, fill: "#666666");
                break;
            }
            string c = Palette.Colour(s.Colour);
            if (s.Line) svg.Line(x, y, x + 20, y, c, 2.2, Palette.Dash(s.Colour));
            if (s.Markers || !s.Line) svg.Circle(x + 10, y, 3.6, c);
            svg.Text(x + 26, y + 4, Truncate(s.Label!, 30), 11);
            y += LegendRow;
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Tooltip(XyChart chart, Series s, DataPoint p)
    {
        string xText = chart.X.Categories is { } c && p.X >= 0 && p.X < c.Count ? c[(int)p.X] : SvgCanvas.N(p.X);
        string range = p.Low is double lo && p.High is double hi ? FormattableString.Invariant($" [{lo:0.####} – {hi:0.####}]") : "";
        return FormattableString.Invariant($"{(s.Label is null ? "" : s.Label + ": ")}{xText}, {p.Y:0.####}{range}");
    }

    private static IEnumerable<DataPoint> Finite(Series s) => s.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y));

    private static AxisMap Scale(Axis axis, IEnumerable<double> values)
    {
        if (axis.Categories is { } categories) return new AxisMap(-0.5, categories.Count - 0.5, [], false);
        var list = values.ToList();
        if (axis.Scale == AxisScale.Log)
        {
            var (lo, hi, ticks) = Ticks.Log(list.Where(v => v > 0).DefaultIfEmpty(1).Min(), list.Where(v => v > 0).DefaultIfEmpty(10).Max());
            return new AxisMap(lo, hi, ticks, true);
        }
        var (min, max, values2) = Ticks.Linear(list.DefaultIfEmpty(0).Min(), list.DefaultIfEmpty(1).Max());
        return new AxisMap(min, max, values2, false);
    }

    private sealed record AxisMap(double Min, double Max, IReadOnlyList<double> Ticks, bool Log)
    {
        public double Fraction(double v) => Log ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : (v - Min) / (Max - Min);
    }
}
