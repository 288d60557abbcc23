using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Results;

/// <summary>OWASP's rule for CSV cells, and that every cell reads back as it was written.</summary>
public sealed class CsvFilesTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("=cmd|' -C calc'!A0", "'=cmd|' -C calc'!A0")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=x", "''=x")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("-1e-3", "-1e-3")]
    [InlineData("'quoted'", "'quoted'")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    public void A_cell_a_spreadsheet_would_run_is_neutralised_and_restored(string text, string written)
    {
        Assert.Equal(written, CsvFiles.Neutralise(text));
        Assert.Equal(text, CsvFiles.Restore(written));
    }

    [Fact]
    public void A_table_reads_back_as_written_with_numbers_left_numbers()
    {
        string path = Path.Combine(_files.Dir, "t.csv");
        string[] texts = ["=1+1", "'@x", "-0.25", "ok", "+", "''-x"];
        CsvFiles.Write(path, ["=name", "value"], texts.Select((t, i) => (IReadOnlyList<object?>)[t, -0.5 * i]));
        string raw = File.ReadAllText(path);
        Assert.StartsWith("'=name,value\n'=1+1,-0\n", raw);
        var table = CsvFiles.Read(path, ["=name", "value"], "");
        Assert.Equal(texts, table.Rows.Select(r => r["=name"]));
        Assert.Equal("-1", table.Rows[2]["value"]);
    }
}
