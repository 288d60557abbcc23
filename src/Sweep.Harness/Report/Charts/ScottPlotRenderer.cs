using System.Globalization;
using ScottPlot;

namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Draws every chart with ScottPlot as PNG (the page embeds it), and as SVG where SVG stays crisp (lines and text;
/// ScottPlot's SVG heatmap is a bitmap viewers blur). The fonts ship with Sweep (DejaVu Sans, regular and bold) and
/// are registered here: a machine without system fonts would otherwise draw blank text, and one without a bold face
/// no titles. Tick labels are culture-invariant and the bytes are the same on every run.
/// </summary>
public sealed class ScottPlotRenderer : IChartRenderer
{
    public const string FontName = "DejaVu Sans";
    /// <summary>The size a chart is shown at, two a row on a 1400 px screen (the page's grid gives each about 660
    /// CSS px): its 12 px labels read at 12 px, not shrunk to 9 as a 900 px canvas was.</summary>
    public const int Width = 660, Height = 420;
    private static readonly object FontsGate = new();
    private static bool s_fontsRegistered;

    public string MediaType => "image/png";
    public string Extension => "png";

    public byte[] Render(Chart chart) =>
        Draw(chart, plot => plot.GetImageBytes(Width, SizeOf(chart).Height, ImageFormat.Png));

    /// <summary>The SVG of a chart drawn with lines and text only; null for the others.</summary>
    public byte[]? RenderVector(Chart chart) => HasVector(chart)
        ? Draw(chart,
        plot =>
            System.Text.Encoding.UTF8.GetBytes(
                Scalable(StableIds(SvgWithPatterns(plot, SizeOf(chart).Height)), SizeOf(chart).Height)))
        : null;

    public bool HasVector(Chart chart) => chart is XyChart or ParallelCoordinatesChart;

    /// <summary>
    /// Skia's SVG canvas cannot write a path effect: a dashed or dotted line came out solid, and Skia printed
    /// "Unsupported path effect in addPaint." on the terminal for each. So each patterned line is drawn solid with
    /// its alpha set to a tag (254 for the first pattern, 253 for the next, ...), and the tag, which Skia writes as
    /// stroke-opacity, is turned back into the pattern's stroke-dasharray.
    /// </summary>
    private static string SvgWithPatterns(Plot plot, int height)
    {
        var patterns = new List<LinePattern>();
        // The legend's own entries too: each draws its line's pattern.
        foreach (var line in plot.GetPlottables().OfType<ScottPlot.IHasLine>()
            .Concat(plot.Legend.ManualItems.OfType<ScottPlot.IHasLine>()))
        {
            var style = line.LineStyle;
            if (style.Pattern.Intervals is not { Length: > 0 } || style.Color.A != 255) continue;
            int index = patterns.FindIndex(p => p.Name == style.Pattern.Name);
            if (index < 0) { patterns.Add(style.Pattern); index = patterns.Count - 1; }
            style.Color = style.Color.WithAlpha((byte)(254 - index));
            style.Pattern = LinePattern.Solid;
        }
        string svg = plot.GetSvgXml(Width, height);
        if (patterns.Count == 0) return svg;
        return System.Text.RegularExpressions.Regex.Replace(svg, "stroke-opacity=\"(0\\.9[0-9]*)\"", m =>
        {
            int index = 254 - (int)Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 255);
            if (index < 0 || index >= patterns.Count) return m.Value;
            var intervals = patterns[index].Intervals.Select(i => i.ToString(CultureInfo.InvariantCulture));
            return $"stroke-dasharray=\"{string.Join(" ", intervals)}\"";
        });
    }

    /// <summary>A viewBox, so that the SVG scales to the width it is shown at (inlined in a page) instead of being
    /// cut.</summary>
    private static string Scalable(string svg, int height)
    {
        string open = $"width=\"{Width}\" height=\"{height}\"";
        int at = svg.IndexOf(open, StringComparison.Ordinal);
        return at < 0 ? svg
            : svg.Insert(at, string.Create(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {height}\" "));
    }

    /// <summary>Skia numbers its SVG clip paths from a counter shared by the whole process, so the same chart drawn
    /// twice gets other ids; renumbered in order of appearance, the bytes are the same every time.</summary>
    private static string StableIds(string svg)
    {
        var ids = new Dictionary<string, string>();
        return System.Text.RegularExpressions.Regex.Replace(svg, @"\bcl_[0-9a-f]+\b", m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
                ids[m.Value] = id = "clip" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
            return id;
        });
    }

    /// <summary>Charts get more height when they must hold many rows (a tall ranking, a big image grid).</summary>
    public static (int Width, int Height) SizeOf(Chart chart) => chart switch
    {
        XyChart { X.Categories: { Count: > 8 } c } when ScottXyChart.Horizontal((XyChart)chart) =>
            (Width, Math.Max(Height, 120 + 26 * c.Count)),
        ImageGridChart grid => (Width, 80 + 130 * Math.Max(1, (grid.Images.Count + grid.Columns - 1) / grid.Columns)),
        _ => (Width, Height),
    };

    private static T Draw<T>(Chart chart, Func<Plot, T> output)
    {
        RegisterFonts();
        var culture = CultureInfo.CurrentCulture;
        // ScottPlot formats ticks with the current culture: a German machine would write 0,95.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var plot = new Plot();
            Style(plot, chart.Title);
            switch (chart)
            {
                case XyChart xy: ScottXyChart.Draw(plot, xy); break;
                case HeatmapChart heatmap: ScottHeatmap.Draw(plot, heatmap); break;
                case ImageGridChart grid: ScottImageGrid.Draw(plot, grid); break;
                case ParallelCoordinatesChart parallel: ScottParallelCoordinates.Draw(plot, parallel); break;
                default: throw new NotSupportedException($"no drawing for {chart.GetType().Name}");
            }
            return output(plot);
        }
        finally { CultureInfo.CurrentCulture = culture; }
    }

    private static void Style(Plot plot, string title)
    {
        plot.Font.Set(FontName);
        plot.Title(Wrapped(title, TitleLineChars), 15);
        plot.Axes.Title.Label.Bold = true;
        plot.Legend.FontName = FontName;
        plot.Legend.FontSize = 12;
    }

    /// <summary>Characters of a title's line: ScottPlot centres the title over the data area, which long category
    /// labels or a legend push to one side; at 15 px, 48 characters fit over what is left.</summary>
    private const int TitleLineChars = 48;

    /// <summary>A title broken at spaces into lines of at most <paramref name="chars"/> characters, so that it is
    /// never cut at the canvas's edge.</summary>
    public static string Wrapped(string text, int chars)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > chars)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return string.Join('\n', lines);
    }

    /// <summary>The shipped fonts, next to the binaries in Fonts/.</summary>
    public static void RegisterFonts()
    {
        lock (FontsGate)
        {
            if (s_fontsRegistered) return;
            string dir = Path.Combine(AppContext.BaseDirectory, "Fonts");
            Fonts.AddFontFile(FontName, Path.Combine(dir, "DejaVuSans.ttf"), bold: false, italic: false);
            Fonts.AddFontFile(FontName, Path.Combine(dir, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            Fonts.Default = FontName;
            s_fontsRegistered = true;
        }
    }

    /// <summary>Numbers as tables print them: invariant, shortest.</summary>
    public static string Number(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
