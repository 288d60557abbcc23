using System.Globalization;
using System.Xml.Linq;
using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Report;

/// <summary>
/// No chart collapses, whatever its labels: on every SVG chart of a search with long labels, a grid, an
/// asynchronous-halving sweep and a comparison, the data area (the plot's clip rectangle) takes at least a third of
/// the canvas each way, and no text falls outside the canvas.
/// </summary>
public sealed class ChartLayoutTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Tiny = """
        data:
          dataset: digits8x8
          split: { train: 400, validation: 0.25 }
        model:
          hidden: [8]
        train:
          epochs: 2
          batch_size: 32

        """;

    /// <summary>Six keys drawn, so that each configuration's label is long ("optimizer.lr=0.000412... model.hidden=
    /// [24] train.batch_size=61 ...").</summary>
    private const string LongLabelSearch = "name: long-labels\n" + Tiny + """
        search:
          method: random
          count: 14
          seed: 3
          optimizer.lr: { loguniform: [0.0001, 0.3] }
          optimizer.name: { choice: [sgd, momentum, adam] }
          optimizer.momentum: { uniform: [0.5, 0.99], when: { optimizer.name: momentum } }
          model.hidden: { choice: [[8], [16], [24, 24]] }
          train.batch_size: { int: [8, 64] }
          train.dropout: { uniform: [0, 0.5] }

        """;

    private const string Grid = "name: grid\n" + Tiny + """
        grid:
          optimizer.lr: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]
          model.hidden: [[4], [8], [16], [32]]
        seeds: 2

        """;

    private const string Asha = "name: asha\n" + Tiny + """
        grid:
          optimizer.lr: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001]
        halving:
          rungs: [1]
          asynchronous: true

        """;

    private string Run(string yaml, string name)
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write(name + ".yaml", yaml)));
        string dir = Path.Combine(_files.Dir, name);
        TestSweeps.Run(plan, dir, parallel: 2);
        ReportBuilder.Build(dir);
        return dir;
    }

    [Theory]
    [InlineData(LongLabelSearch, "search")]
    [InlineData(Grid, "grid")]
    [InlineData(Asha, "asha")]
    public void Every_chart_of_a_study_keeps_its_data_area_and_its_text_on_the_canvas(string yaml, string name)
    {
        string dir = Run(yaml, name);
        AssertLaidOut(Directory.GetFiles(Path.Combine(dir, "charts"), "*.svg"));
    }

    [Fact]
    public void Every_chart_of_a_comparison_keeps_its_data_area_and_its_text_on_the_canvas()
    {
        string a = Run(Grid, "a"), b = Run(Grid.Replace("epochs: 2", "epochs: 3").Replace("name: grid", "name: b"),
            "b");
        string output = Path.Combine(_files.Dir, "compare");
        ComparisonBuilder.Build([a, b], output);
        AssertLaidOut(Directory.GetFiles(output, "*.svg", SearchOption.AllDirectories));
    }

    private static void AssertLaidOut(string[] charts)
    {
        Assert.NotEmpty(charts);
        var problems = charts.SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What is wrong with one SVG chart as ScottPlot writes it: its canvas (viewBox), its data area (the
    /// first clip rectangle), and each text's box (its translation, glyph offsets and font size; a rotated text's
    /// box turned by its angle).</summary>
    internal static IEnumerable<string> Problems(string path)
    {
        var svg = XDocument.Load(path).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        string name = Path.GetFileName(path);
        double[] box = Numbers(svg.Attribute("viewBox")!.Value);
        double width = box[2], height = box[3];
        var clip = svg.Descendants(ns + "clipPath").Select(c => c.Element(ns + "rect"))
            .FirstOrDefault(r => r is not null);
        if (clip is null)
        {
            yield return $"{name}: no data area (no clip rectangle)";
            yield break;
        }
        double areaWidth = Number(clip, "width"), areaHeight = Number(clip, "height");
        if (areaWidth < width / 3 || areaHeight < height / 3)
            yield return FormattableString.Invariant(
                $"{name}: data area {areaWidth:0}×{areaHeight:0} of a {width:0}×{height:0} canvas (under a third)");
        foreach (var text in svg.Descendants(ns + "text"))
        {
            string content = text.Value.Trim();
            if (content.Length == 0) continue;
            var (left, top, right, bottom) = TextBox(text);
            const double slack = 1.5;
            if (left < -slack || top < -slack || right > width + slack || bottom > height + slack)
                yield return FormattableString.Invariant(
                    $"{name}: text '{content}' at {left:0},{top:0}–{right:0},{bottom:0} leaves the ") +
                    FormattableString.Invariant($"{width:0}×{height:0} canvas");
        }
    }

    internal static (double Left, double Top, double Right, double Bottom) TextBox(XElement text)
    {
        double size = text.Attribute("font-size") is { } f ? double.Parse(f.Value, CultureInfo.InvariantCulture) : 12;
        double[] xs = text.Attribute("x") is { } x ? Numbers(x.Value) : [0];
        double[] ys = text.Attribute("y") is { } y ? Numbers(y.Value) : [0];
        // The last glyph's advance is about 0.6 of the font size in DejaVu Sans.
        double x0 = xs.Min(), x1 = xs.Max() + 0.6 * size, baseline = ys.Length > 0 ? ys[0] : 0;
        double y0 = baseline - 0.8 * size, y1 = baseline + 0.25 * size;
        // translate(e f) or matrix(a b c d e f): a point (x, y) goes to (a x + c y + e, b x + d y + f).
        string transform = text.Attribute("transform")?.Value ?? "";
        double[] m = [1, 0, 0, 1, 0, 0];
        if (System.Text.RegularExpressions.Regex.Match(transform, @"translate\(([^)]*)\)") is { Success: true } t)
        {
            double[] v = Numbers(t.Groups[1].Value);
            m = [1, 0, 0, 1, v[0], v.Length > 1 ? v[1] : 0];
        }
        else if (System.Text.RegularExpressions.Regex.Match(transform, @"matrix\(([^)]*)\)") is { Success: true } mm)
            m = Numbers(mm.Groups[1].Value);
        var corners = new[] { (x0, y0), (x1, y0), (x0, y1), (x1, y1) }.Select(p =>
            (X: m[0] * p.Item1 + m[2] * p.Item2 + m[4], Y: m[1] * p.Item1 + m[3] * p.Item2 + m[5])).ToList();
        return (corners.Min(c => c.X), corners.Min(c => c.Y), corners.Max(c => c.X), corners.Max(c => c.Y));
    }

    internal static double Number(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);

    private static double[] Numbers(string text) => text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
        .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}
