namespace Sweep.Harness.Report.Charts;

/// <summary>Our own SVG renderer: no plotting package is available from this machine's package source.</summary>
public sealed class SvgChartRenderer : IChartRenderer
{
    public string MediaType => "image/svg+xml";
    public string Extension => "svg";

    public byte[] Render(Chart chart) => chart switch
    {
        XyChart xy => SvgXyChart.Render(xy),
        HeatmapChart heatmap => SvgHeatmap.Render(heatmap),
        ImageGridChart grid => SvgImageGrid.Render(grid),
        ParallelCoordinatesChart parallel => SvgParallelCoordinates.Render(parallel),
        _ => throw new NotSupportedException($"the SVG renderer does not draw {chart.GetType().Name}"),
    };
}
