namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Draws a <see cref="Chart"/>. The one seam between the report and a plotting library: ours writes SVG; a ScottPlot
/// renderer (PNG) can implement this where that package is available, and the page embeds whichever it gets.
/// </summary>
public interface IChartRenderer
{
    /// <summary>"image/svg+xml" or "image/png": decides whether the page inlines the chart or embeds it as data.</summary>
    string MediaType { get; }

    /// <summary>File extension without the dot, for the chart files written beside the page.</summary>
    string Extension { get; }

    byte[] Render(Chart chart);
}
