using Sweep.Harness.Report;

namespace Sweep.Harness.Tests.Report;

public sealed class HtmlTests
{
    [Theory]
    [InlineData(26.46, "26.5")]
    [InlineData(1.04, "1.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.07123, "0.071")]
    [InlineData(0.00712, "0.007")]
    [InlineData(0.0002841, "0.000284")]
    [InlineData(0.0, "0.0")]
    public void Seconds_under_one_keep_their_milliseconds(double seconds, string shown) =>
        Assert.Equal(shown, Html.Cell.Seconds(seconds).Html);
}
