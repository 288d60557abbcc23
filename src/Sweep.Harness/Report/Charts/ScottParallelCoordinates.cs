using ScottPlot;

namespace Sweep.Harness.Report.Charts;

/// <summary>A <see cref="ParallelCoordinatesChart"/>: one vertical axis per parameter (log where it spans decades,
/// categories spread evenly), every trial a line coloured by how good its result is (the page's viridis, best
/// yellow), best drawn last (on top).</summary>
internal static class ScottParallelCoordinates
{
    public static void Draw(Plot plot, ParallelCoordinatesChart chart)
    {
        int n = chart.Axes.Count;
        var ranges = Enumerable.Range(0, n).Select<int, (double Lo, double Hi)>(a =>
        {
            var axis = chart.Axes[a];
            var values = chart.Lines.Select(l => Position(axis, l[a])).Where(double.IsFinite).ToList();
            if (axis.Categories is { } c) return (Lo: 0.0, Hi: Math.Max(1, c.Count - 1.0));
            return values.Count == 0 ? (0.0, 1.0) : (values.Min(), values.Max());
        }).ToList();
        double Norm(int a, double v) { var (lo, hi) = ranges[a]; double p = Position(chart.Axes[a], v); return hi > lo
            ? (p - lo) / (hi - lo) : 0.5; }

        var results = chart.Lines.Select(l => l[^1]).Where(double.IsFinite).ToList();
        double rLo = results.DefaultIfEmpty(0).Min(), rHi = results.DefaultIfEmpty(1).Max();
        var goodness = new GoodnessColormap(chart.LowerIsBetter);
        double Place(double[] line) => rHi > rLo ? (line[^1] - rLo) / (rHi - rLo) : 0.5;
        foreach (var line in chart.Lines.OrderBy(l => goodness.Goodness(Place(l))))
        {
            double t = Place(line);
            foreach (var (first, last) in Pieces(line))
            {
                var s = plot.Add.ScatterLine(Enumerable.Range(first, last - first + 1).Select(a => (double)a)
                    .ToArray(), Enumerable.Range(first, last - first + 1).Select(a => Norm(a, line[a])).ToArray(),
                    goodness.GetColor(t));
                s.LineWidth = 1.5f;
            }
        }
        for (int a = 0; a < n; a++)
        {
            plot.Add.VerticalLine(a, 1, Colors.Gray);
            var axis = chart.Axes[a];
            var labels = axis.Categories is { } c
                ? c.Select((name, i) => (Text: name, At: c.Count == 1 ? 0.5 : i / (c.Count - 1.0)))
                : new[] { (Text: ScottPlotRenderer.Number(Unposition(axis, ranges[a].Lo)), At: 0.0),
                (Text: ScottPlotRenderer.Number(Unposition(axis, ranges[a].Hi)), At: 1.0) };
            foreach (var (text, at) in labels)
            {
                var label = plot.Add.Text(text, a, at);
                label.Alignment = Alignment.MiddleLeft;
                label.OffsetX = 4;
                label.LabelFontSize = 12;
                label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            }
        }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, n).Select(a => (double)a).ToArray(),
            chart.Axes.Select(a => a.Label).ToArray());
        plot.Axes.Left.SetTicks([], []);
        // Room for half the first axis's name, which is centred on the plot's left edge.
        plot.Axes.Left.MinimumSize = 6 * chart.Axes[0].Label.Length;
        plot.Axes.SetLimits(-0.1, n - 0.6, -0.05, 1.05);
        plot.Grid.IsVisible = false;
        var source = plot.Add.Heatmap(new double[,] { { rLo, rHi } });
        source.Colormap = goodness;
        source.IsVisible = false;
        plot.Add.ColorBar(source, Edge.Right).Label = chart.ColourLabel;
        plot.Axes.SetLimits(-0.1, n - 0.6, -0.05, 1.05);
    }

    /// <summary>The runs of two or more consecutive axes where a line has values: a value missing on an axis (a key
    /// the trial did not draw) breaks the line there.</summary>
    private static IEnumerable<(int First, int Last)> Pieces(double[] line)
    {
        for (int first = 0; first < line.Length;)
        {
            if (!double.IsFinite(line[first])) { first++; continue; }
            int last = first;
            while (last + 1 < line.Length && double.IsFinite(line[last + 1])) last++;
            if (last > first) yield return (first, last);
            first = last + 1;
        }
    }

    private static double Position(ParallelAxis axis, double v) => axis.Scale == AxisScale.Log && v > 0 ? Math.Log10(v)
        : v;
    private static double Unposition(ParallelAxis axis, double p) => axis.Scale == AxisScale.Log ? Math.Pow(10, p) : p;
}
