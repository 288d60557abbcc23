using Sweep.Core.Text;

namespace Sweep.Core.Tests.Text;

public class PrintableTests
{
    [Theory]
    [InlineData("plain text, 0.97 ± 0.01", "plain text, 0.97 ± 0.01")]
    [InlineData("a\nb", "a\\nb")]
    [InlineData("\u001b[2J\u001b]0;title\u0007", "\\x1b[2J\\x1b]0;title\\x07")]
    [InlineData("tab\there\r", "tab\\there\\r")]
    [InlineData("c1 \u009b31m", "c1 \\x9b31m")]
    [InlineData("del \u007f", "del \\x7f")]
    [InlineData("evil\u202Egnp.exe", "evil\\u202egnp.exe")]
    [InlineData("", "")]
    public void A_line_escapes_every_control_character(string text, string shown) =>
        Assert.Equal(shown, Printable.Line(text));

    [Fact]
    public void Lines_keep_their_newlines_and_escape_the_rest() =>
        Assert.Equal("first\nsecond \\x1b[31m", Printable.Lines("first\nsecond \u001b[31m"));

    [Fact]
    public void Escaped_text_holds_no_control_character()
    {
        string all = new(Enumerable.Range(0, 0x300).Select(i => (char)i).ToArray());
        Assert.DoesNotContain(Printable.Line(all), c => char.IsControl(c));
    }
}
