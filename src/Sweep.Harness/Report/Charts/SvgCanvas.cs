using System.Globalization;
using System.Security;
using System.Text;

namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Writes SVG elements. Every number goes through one invariant, fixed-precision formatter, so the same chart is
/// the same bytes under any culture (the golden-file tests rely on it).
/// </summary>
internal sealed class SvgCanvas
{
    public const string Font = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private readonly StringBuilder _svg = new();

    public SvgCanvas(double width, double height, string title)
    {
        _svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{N(width)}\" height=\"{N(height)}\" viewBox=\"0 0 {N(width)} {N(height)}\" font-family=\"{Font}\" role=\"img\">\n");
        _svg.Append($"<title>{Escape(title)}</title>\n");
        Rect(0, 0, width, height, "#ffffff");
        Text(width / 2, 22, title, 15, anchor: "middle", weight: "bold");
    }

    /// <summary>Text width estimate for layout: no font metrics without a font engine, so a DejaVu-like average.</summary>
    public static double TextWidth(string text, double size) => text.Length * size * 0.6;

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Escape(string text) => SecurityElement.Escape(text) ?? "";

    public void Raw(string element) => _svg.Append(element).Append('\n');

    public void Rect(double x, double y, double w, double h, string fill, string? stroke = null, double opacity = 1, string? tooltip = null)
    {
        _svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" fill=\"{fill}\"");
        if (stroke is not null) _svg.Append($" stroke=\"{stroke}\"");
        if (opacity < 1) _svg.Append($" fill-opacity=\"{N(opacity)}\"");
        Close("rect", tooltip);
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"");
        if (dash is not null) _svg.Append($" stroke-dasharray=\"{dash}\"");
        _svg.Append("/>\n");
    }

    public void Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.8, string? dash = null, double opacity = 1, string? tooltip = null)
    {
        _svg.Append($"<polyline points=\"{Points(points)}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\" stroke-linejoin=\"round\"");
        if (dash is not null) _svg.Append($" stroke-dasharray=\"{dash}\"");
        if (opacity < 1) _svg.Append($" stroke-opacity=\"{N(opacity)}\"");
        Close("polyline", tooltip);
    }

    public void Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity) =>
        _svg.Append($"<polygon points=\"{Points(points)}\" fill=\"{fill}\" fill-opacity=\"{N(opacity)}\" stroke=\"none\"/>\n");

    public void Circle(double x, double y, double r, string fill, string? tooltip = null)
    {
        _svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"0.8\"");
        Close("circle", tooltip);
    }

    public void Text(double x, double y, string text, double size, string anchor = "start", string weight = "normal", string fill = "#222222", double rotate = 0)
    {
        _svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" font-size=\"{N(size)}\" fill=\"{fill}\"");
        if (anchor != "start") _svg.Append($" text-anchor=\"{anchor}\"");
        if (weight != "normal") _svg.Append($" font-weight=\"{weight}\"");
        if (rotate != 0) _svg.Append($" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"");
        _svg.Append('>').Append(Escape(text)).Append("</text>\n");
    }

    public void Image(double x, double y, double w, double h, string dataUri) =>
        _svg.Append($"<image x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(w)}\" height=\"{N(h)}\" image-rendering=\"pixelated\" preserveAspectRatio=\"none\" href=\"{dataUri}\"/>\n");

    /// <summary>A vertical colour scale, 0 at the bottom: 20 steps of colour(t) and a frame.</summary>
    public void ColourBar(double x, double top, double height, Func<double, string> colour)
    {
        const int Steps = 20;
        for (int i = 0; i < Steps; i++) Rect(x, top + height * (Steps - 1 - i) / Steps, 14, height / Steps + 0.5, colour((i + 0.5) / Steps));
        Rect(x, top, 14, height, "none", "#888888");
    }

    public byte[] Finish() => Encoding.UTF8.GetBytes(_svg.Append("</svg>\n").ToString());

    private static string Points(IEnumerable<(double X, double Y)> points) => string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"));

    /// <summary>Ends an element, with a hover tooltip when one is given (browsers show an SVG title on hover).</summary>
    private void Close(string element, string? tooltip) =>
        _svg.Append(tooltip is null ? "/>\n" : $"><title>{Escape(tooltip)}</title></{element}>\n");
}
