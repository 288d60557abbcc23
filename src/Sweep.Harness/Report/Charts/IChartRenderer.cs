namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Draws a <see cref="Chart"/>: the one seam between the report and the plotting library (ScottPlot,
/// <see cref="ScottPlotRenderer"/>). The report only describes charts; the page embeds whatever this returns.
/// </summary>
public interface IChartRenderer
{
    /// <summary>"image/png" or "image/svg+xml": decides whether the page embeds the chart as data or inlines
    /// it.</summary>
    string MediaType { get; }

    /// <summary>File extension without the dot, for the chart files written beside the page.</summary>
    string Extension { get; }

    byte[] Render(Chart chart);

    /// <summary>The chart as SVG where that stays crisp (lines and text), written beside the main file; else
    /// null.</summary>
    byte[]? RenderVector(Chart chart);

    /// <summary>Whether <see cref="RenderVector"/> gives this chart an SVG, without drawing it.</summary>
    bool HasVector(Chart chart);
}
