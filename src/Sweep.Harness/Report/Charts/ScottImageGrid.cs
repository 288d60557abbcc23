using ScottPlot;

namespace Sweep.Harness.Report.Charts;

/// <summary>An <see cref="ImageGridChart"/>: each image as crisp grey cells (ink dark on white), its caption
/// below.</summary>
internal static class ScottImageGrid
{
    public static void Draw(Plot plot, ImageGridChart chart)
    {
        int columns = Math.Max(1, chart.Columns);
        int rows = Math.Max(1, (chart.Images.Count + columns - 1) / columns);
        const double cell = 1.0, gap = 0.35, caption = 0.3;
        for (int i = 0; i < chart.Images.Count; i++)
        {
            var image = chart.Images[i];
            double left = i % columns * (cell + gap), top = -(i / columns) * (cell + gap + caption);
            var intensities = new double[image.Height, image.Width];
            for (int y = 0; y < image.Height; y++)
                for (int x = 0; x < image.Width; x++) intensities[y, x] = 255 - image.Pixels[y * image.Width + x];
            var map = plot.Add.Heatmap(intensities);
            map.Colormap = new ScottPlot.Colormaps.Grayscale();
            map.ManualRange = new ScottPlot.Range(0, 255);
            map.Extent = new CoordinateRect(left, left + cell, top - cell, top);
            map.Smooth = false;
            var text = plot.Add.Text(image.Caption, left + cell / 2, top - cell - 0.08);
            text.Alignment = Alignment.UpperCenter;
            text.LabelFontSize = 12;
            text.LabelFontName = ScottPlotRenderer.FontName;
        }
        if (chart.Images.Count == 0)
        {
            var none = plot.Add.Text("none: the model got every test image right", 0, 0);
            none.Alignment = Alignment.MiddleCenter;
        }
        plot.HideAxesAndGrid();
        plot.Axes.Title.IsVisible = true;
        double width = columns * (cell + gap), height = rows * (cell + gap + caption);
        if (chart.Images.Count > 0) plot.Axes.SetLimits(-gap / 2, width - gap / 2, -height + gap / 2, gap / 2);
    }
}
