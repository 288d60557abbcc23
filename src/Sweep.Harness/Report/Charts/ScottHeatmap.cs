using ScottPlot;

namespace Sweep.Harness.Report.Charts;

/// <summary>A <see cref="HeatmapChart"/> as filled cells with their values written in, crisp at any size; a colour
/// bar for a global scale (the page's colours for how good a result is: viridis, best yellow, readable in greyscale
/// and for colour-blind readers).</summary>
internal static class ScottHeatmap
{
    public static void Draw(Plot plot, HeatmapChart chart)
    {
        int rows = chart.Rows.Count, columns = chart.Columns.Count;
        var finite = chart.Values.SelectMany(r => r).Where(double.IsFinite).ToList();
        var (lo, hi) = Range(chart, finite);
        var goodness = new GoodnessColormap(chart.LowerIsBetter);
        for (int r = 0; r < rows; r++)
        {
            double rowSum = chart.Values[r].Where(double.IsFinite).Sum();
            for (int c = 0; c < columns; c++)
            {
                double v = chart.Values[r][c];
                if (!double.IsFinite(v)) continue;
                double t = chart.Shading == HeatmapShading.ByRow ? (rowSum > 0 ? v / rowSum : 0) : hi > lo
                    ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5;
                Color fill, ink;
                if (chart.Shading == HeatmapShading.ByRow)
                {
                    var (f, k) = Palette.Shade(t);
                    (fill, ink) = (Color.FromHex(f), Color.FromHex(k));
                }
                else
                {
                    fill = goodness.GetColor(t);
                    ink = Color.FromHex(Palette.TextOnGoodness(goodness.Goodness(t)));
                }
                double y = rows - 1 - r; // first row at the top
                var cell = plot.Add.Rectangle(c, c + 1, y, y + 1);
                cell.FillColor = fill;
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                if (chart.Outlined == new HeatmapCell(r, c)) Outline(plot, c, y);
                var text = plot.Add.Text(chart.CellText[r][c], c + 0.5, y + 0.5);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontColor = ink;
                text.LabelFontSize = columns > 12 ? 9 : 13;
                text.LabelFontName = ScottPlotRenderer.FontName;
            }
        }
        Ticks(plot, chart);
        plot.Axes.SetLimits(0, columns, 0, rows);
        plot.Grid.IsVisible = false;
        if (chart.Shading == HeatmapShading.Global && finite.Count > 0)
        {
            // A colour bar needs a colour source: an invisible heatmap spanning the same range.
            var source = plot.Add.Heatmap(new double[,] { { lo, hi } });
            source.Colormap = goodness;
            source.IsVisible = false;
            plot.Add.ColorBar(source, Edge.Right).Label = chart.ScaleLabel ?? "";
            plot.Axes.SetLimits(0, columns, 0, rows);
        }
    }

    /// <summary>Columns and rows named; past five columns their names turn, hanging left of their columns, and the
    /// first one's reach past the plot's edge is room the left axis keeps, or the canvas's edge would cut it.
    /// </summary>
    private static void Ticks(Plot plot, HeatmapChart chart)
    {
        int rows = chart.Rows.Count, columns = chart.Columns.Count;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(c => c + 0.5).ToArray(), chart.Columns.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(r => rows - 1 - r + 0.5).ToArray(),
            chart.Rows.ToArray());
        plot.XLabel(chart.ColumnLabel, 13);
        plot.YLabel(chart.RowLabel, 13);
        if (columns > 5)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
            float reach = 0.6f * 12 * chart.Columns[0].Length * MathF.Cos(MathF.PI / 6);
            plot.Axes.Left.MinimumSize = Math.Max(plot.Axes.Left.MinimumSize, reach + 10);
        }
        plot.Axes.Bottom.TickLabelStyle.Alignment = columns > 5 ? Alignment.MiddleRight : Alignment.UpperCenter;
    }

    private static void Outline(Plot plot, int column, double y)
    {
        var outline = plot.Add.Rectangle(column + 0.04, column + 0.96, y + 0.04, y + 0.96);
        outline.FillColor = Colors.Transparent;
        outline.LineColor = Color.FromHex(Palette.Winner);
        outline.LineWidth = 4;
    }

    /// <summary>The values the colours span. A global scale spans the better three quarters of the cells: one poor
    /// combination must not squeeze every good one into a single colour; cells past it take its end colour.</summary>
    private static (double Lo, double Hi) Range(HeatmapChart chart, List<double> finite)
    {
        double lo = finite.DefaultIfEmpty(0).Min(), hi = finite.DefaultIfEmpty(1).Max();
        if (chart.Shading != HeatmapShading.Global || finite.Count < 4) return (lo, hi);
        var sorted = finite.Order().ToList();
        return chart.LowerIsBetter ? (lo, sorted[(3 * (sorted.Count - 1)) / 4]) : (sorted[(sorted.Count - 1) / 4], hi);
    }
}
