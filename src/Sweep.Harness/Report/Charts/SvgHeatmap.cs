using System.Globalization;

namespace Sweep.Harness.Report.Charts;

/// <summary>Draws a <see cref="HeatmapChart"/>: cells shaded by their share of the row (so a rare class's errors show
/// as clearly as a common one's), counts written in, and a colour bar.</summary>
internal static class SvgHeatmap
{
    public static byte[] Render(HeatmapChart chart)
    {
        int rows = chart.Rows.Count, cols = chart.Columns.Count;
        double cell = Math.Clamp(360.0 / Math.Max(1, Math.Max(rows, cols)), 16, 44);
        double rowLabelWidth = chart.Rows.DefaultIfEmpty("").Max(l => SvgCanvas.TextWidth(l, 11));
        double left = 40 + rowLabelWidth, top = 48, height = top + rows * cell + 52;
        double width = Math.Max(left + cols * cell + 90, SvgCanvas.TextWidth(chart.Title, 15) + 30);
        var svg = new SvgCanvas(width, height, chart.Title);

        for (int r = 0; r < rows; r++)
        {
            long rowTotal = chart.Counts[r].Sum();
            for (int c = 0; c < cols; c++)
            {
                long count = chart.Counts[r][c];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                var (fill, ink) = Palette.Shade(share);
                string tip = string.Create(CultureInfo.InvariantCulture, $"{chart.RowLabel} {chart.Rows[r]}, {chart.ColumnLabel} {chart.Columns[c]}: {count} ({share:P1} of the row)");
                svg.Rect(left + c * cell, top + r * cell, cell, cell, fill, "#ffffff", tooltip: tip);
                if (count != 0 && cell >= 18)
                    svg.Text(left + c * cell + cell / 2, top + r * cell + cell / 2 + 4, count.ToString(CultureInfo.InvariantCulture), Math.Min(11, cell * 0.34), anchor: "middle", fill: ink);
            }
            svg.Text(left - 6, top + r * cell + cell / 2 + 4, chart.Rows[r], 11, anchor: "end", fill: "#444444");
        }
        for (int c = 0; c < cols; c++) svg.Text(left + c * cell + cell / 2, top + rows * cell + 15, chart.Columns[c], 11, anchor: "middle", fill: "#444444");
        svg.Text(left + cols * cell / 2, height - 12, chart.ColumnLabel, 12.5, anchor: "middle");
        svg.Text(15, top + rows * cell / 2, chart.RowLabel, 12.5, anchor: "middle", rotate: -90);

        // Colour bar: share of the row, 0 at the bottom.
        double barX = left + cols * cell + 24, barH = rows * cell;
        svg.ColourBar(barX, top, barH, t => Palette.Shade(t).Fill);
        foreach (var (t, label) in new[] { (0.0, "0%"), (0.5, "50%"), (1.0, "100%") })
            svg.Text(barX + 18, top + barH * (1 - t) + 4, label, 10, fill: "#444444");
        svg.Text(barX + 7, top + barH + 15, "of row", 10, anchor: "middle", fill: "#444444");
        return svg.Finish();
    }
}
