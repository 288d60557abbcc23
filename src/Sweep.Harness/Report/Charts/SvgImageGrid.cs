using Sweep.Data.Images;

namespace Sweep.Harness.Report.Charts;

/// <summary>Draws an <see cref="ImageGridChart"/>: each image embedded as a small PNG (dark ink on white, as the
/// digit was written), scaled up without smoothing, with its caption below.</summary>
internal static class SvgImageGrid
{
    public static byte[] Render(ImageGridChart chart)
    {
        int n = chart.Images.Count, cols = Math.Max(1, Math.Min(chart.Columns, n));
        int rows = (n + cols - 1) / cols;
        double size = 64, cellW = 84, cellH = size + 24, top = 44;
        double width = Math.Max(320, cols * cellW + 24), height = top + Math.Max(1, rows) * cellH + 12;
        var svg = new SvgCanvas(width, height, chart.Title);
        if (n == 0) svg.Text(width / 2, top + 30, "none", 12, anchor: "middle", fill: "#666666");
        for (int i = 0; i < n; i++)
        {
            var image = chart.Images[i];
            double x = 12 + (i % cols) * cellW + (cellW - size) / 2, y = top + (i / cols) * cellH;
            var ink = new byte[image.Pixels.Length];
            for (int p = 0; p < ink.Length; p++) ink[p] = (byte)(255 - image.Pixels[p]);
            svg.Image(x, y, size, size, "data:image/png;base64," + Convert.ToBase64String(PngEncoder.EncodeGrey(ink, image.Width, image.Height)));
            svg.Rect(x, y, size, size, "none", "#cccccc");
            svg.Text(x + size / 2, y + size + 15, image.Caption, 11.5, anchor: "middle");
        }
        return svg.Finish();
    }
}
