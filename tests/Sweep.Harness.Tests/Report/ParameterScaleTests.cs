using Sweep.Harness.Report;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Tests.Report;

/// <summary>An axis's scale follows how the values were made: a search's distribution, or a grid's spacing.</summary>
public sealed class ParameterScaleTests
{
    [Theory]
    [InlineData(AxisScale.Log, null, "0.1", "0.03", "0.01", "0.003")] // a grid of rates, by ratios
    [InlineData(AxisScale.Log, null, "16", "32", "64")] // widths doubling: ratios, though under a decade
    [InlineData(AxisScale.Linear, null, "0", "0.2", "0.4")] // zero: never log
    [InlineData(AxisScale.Linear, null, "1", "2", "3", "4")] // steps of one
    [InlineData(AxisScale.Linear, null, "0.5", "0.6")] // two values within a decade
    [InlineData(AxisScale.Log, "loguniform", "0.002", "0.004", "0.009")] // drawn log-uniform: log, even within a decade
    [InlineData(AxisScale.Linear, "uniform", "0.01", "0.2", "0.55")] // dropout drawn uniform: linear across decades
    [InlineData(AxisScale.Linear, "int", "8", "20", "120")] // whole numbers drawn uniformly
    public void The_scale_follows_how_the_values_were_made(AxisScale expected, string? distribution,
        params string[] values) =>
        Assert.Equal(expected, new ParameterScale("k", values, distribution).Scale);
}
