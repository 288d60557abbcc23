using System.Globalization;

namespace Sweep.Harness.Report.Charts;

/// <summary>Draws a <see cref="ParallelCoordinatesChart"/>. Lines are coloured by the last axis (the result) and the
/// best are drawn last, so they stay on top.</summary>
internal static class SvgParallelCoordinates
{
    private const double Width = 720, Height = 400, Top = 62, Bottom = 340, Left = 70, Right = 600;

    public static byte[] Render(ParallelCoordinatesChart chart)
    {
        var svg = new SvgCanvas(Width, Height, chart.Title);
        int k = chart.Axes.Count;
        if (k < 2 || chart.Lines.Count == 0)
        {
            svg.Text(Width / 2, Height / 2, "needs at least one varying parameter and one finished trial", 12, anchor: "middle", fill: "#666666");
            return svg.Finish();
        }
        var maps = chart.Axes.Select((a, i) => Map(a, chart.Lines.Select(l => l[i]))).ToList();
        double X(int axis) => Left + axis * (Right - Left) / (k - 1);
        double Y(int axis, double v) => Bottom - maps[axis].Fraction(v) * (Bottom - Top);

        var result = maps[k - 1];
        double Colour(double[] line) => result.Fraction(line[k - 1]);
        foreach (var line in chart.Lines.Where(l => double.IsFinite(l[k - 1])).OrderBy(Colour))
            svg.Polyline(Enumerable.Range(0, k).Select(i => (X(i), Y(i, line[i]))), Palette.Sequential(Colour(line)), 1.6, opacity: 0.8,
                tooltip: string.Join(", ", chart.Axes.Select((a, i) => $"{a.Label} {Text(a, line[i])}")));

        for (int i = 0; i < k; i++)
        {
            svg.Line(X(i), Top, X(i), Bottom, "#555555", 1.2);
            svg.Text(X(i), Top - 14, Shorten(chart.Axes[i].Label, (Right - Left) / (k - 1)), 11.5, anchor: "middle", weight: "bold");
            foreach (var (value, label) in maps[i].Ticks)
            {
                svg.Line(X(i) - 3, Y(i, value), X(i), Y(i, value), "#555555");
                svg.Text(X(i) - 6, Y(i, value) + 4, label, 10.5, anchor: "end", fill: "#444444");
            }
        }

        // Colour bar for the result.
        double barX = Right + 50;
        svg.ColourBar(barX, Top, Bottom - Top, Palette.Sequential);
        svg.Text(barX + 7, Bottom + 18, chart.ColourLabel, 10.5, anchor: "middle", fill: "#444444");
        return svg.Finish();
    }

    private static string Text(ParallelAxis axis, double v) =>
        axis.Categories is { } c && v >= 0 && v < c.Count ? c[(int)v] : v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Shorten(string label, double room)
    {
        int max = Math.Max(4, (int)(room / (11.5 * 0.6)));
        return label.Length <= max ? label : "…" + label[^(max - 1)..];
    }

    private static AxisMap Map(ParallelAxis axis, IEnumerable<double> values)
    {
        if (axis.Categories is { } categories)
        {
            // Categories sit evenly along the axis, half a step in from each end.
            int n = Math.Max(1, categories.Count);
            return new AxisMap(v => (v + 0.5) / n, categories.Select((c, i) => ((double)i, c)).ToList());
        }
        var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        if (axis.Scale == AxisScale.Log && finite.All(v => v > 0))
        {
            var (lo, hi, ticks) = Ticks.Log(finite.Min(), finite.Max());
            var labels = Ticks.Labels(ticks, AxisScale.Log);
            return new AxisMap(v => (Math.Log10(v) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo)), ticks.Select((t, i) => (t, labels[i])).ToList());
        }
        var (min, max, values2) = Ticks.Linear(finite.Min(), finite.Max(), 5);
        var texts = Ticks.Labels(values2, AxisScale.Linear);
        return new AxisMap(v => (v - min) / (max - min), values2.Select((t, i) => (t, texts[i])).ToList());
    }

    private sealed record AxisMap(Func<double, double> Fraction, IReadOnlyList<(double Value, string Label)> Ticks);
}
