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

    [Fact]
    public void Lists_of_widths_sort_by_their_numbers_and_other_text_as_itself()
    {
        string[] widths = ["[128]", "[32]", "[512]", "[8]", "[32,32]", "[8,64]"];
        var sorted = widths.OrderBy(w => Html.Cell.Text(w).Sort, StringComparer.Ordinal).ToList();
        Assert.Equal(["[8]", "[8,64]", "[32]", "[32,32]", "[128]", "[512]"], sorted);
        Assert.Equal("adam", Html.Cell.Text("adam").Sort);
        Assert.Equal("[relu,tanh]", Html.Cell.Text("[relu,tanh]").Sort);
        // The page's script reads a key that parses as a number as that number: a list's key must not.
        Assert.False(double.TryParse(Html.Cell.Text("[8,64]").Sort, System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
