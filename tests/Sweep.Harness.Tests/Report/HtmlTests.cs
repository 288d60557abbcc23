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
    public void A_column_of_small_fractions_is_shown_in_one_notation()
    {
        Assert.True(Html.Scientific(["4.511E-05", "0.003629", "0.1"]));
        Assert.False(Html.Scientific(["0.001", "0.01", "0.1"])); // all 0.001 or more: as written
        Assert.False(Html.Scientific(["8", "16", "256"])); // whole numbers (batch sizes): as written
        Assert.False(Html.Scientific(["0.00001", "adam"])); // not all numbers
        Assert.True(Html.Scientific(["150000.5", "2"]));
    }

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
