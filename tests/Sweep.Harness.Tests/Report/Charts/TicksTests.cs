using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Tests.Report.Charts;

public sealed class TicksTests
{
    [Theory]
    [InlineData(0.913, 0.978, "0.90 0.92 0.94 0.96 0.98")]
    [InlineData(0, 1, "0.0 0.2 0.4 0.6 0.8 1.0")]
    [InlineData(1, 65, "0 20 40 60 80")]
    [InlineData(0.5, 0.5, "0.450 0.475 0.500 0.525 0.550")]
    [InlineData(0, 0.25, "0.00 0.05 0.10 0.15 0.20 0.25")]
    public void Linear_ticks_are_round_and_cover_the_data(double min, double max, string expected)
    {
        var (lo, hi, values) = Ticks.Linear(min, max);
        Assert.Equal(expected, string.Join(' ', Ticks.Labels(values, AxisScale.Linear)));
        Assert.True(lo <= min && hi >= max);
    }

    [Theory]
    [InlineData(0.001, 0.01, "0.001 0.002 0.005 0.01")]
    [InlineData(0.0001, 0.3, "0.0001 0.001 0.01 0.1 1")]
    [InlineData(0.00001, 0.001, "1e-5 2e-5 5e-5 0.0001 0.0002 0.0005 0.001")]
    [InlineData(0.003, 0.003, "0.001 0.002 0.005 0.01 0.02 0.05 0.1")]
    public void Log_ticks_are_powers_of_ten_with_twos_and_fives_on_short_ranges(double min, double max, string expected)
    {
        var (lo, hi, values) = Ticks.Log(min, max);
        Assert.Equal(expected, string.Join(' ', Ticks.Labels(values, AxisScale.Log)));
        Assert.True(lo <= min && hi >= max);
    }
}
