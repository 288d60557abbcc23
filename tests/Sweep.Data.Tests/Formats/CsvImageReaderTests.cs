using Sweep.Data.Formats;

namespace Sweep.Data.Tests.Formats;

public sealed class CsvImageReaderTests : IDisposable
{
    private readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static string DigitRow(int label, int pixel = 3) => string.Join(',', Enumerable.Repeat(pixel, 64)) + ","
        + label;

    [Fact]
    public void Reads_the_shipped_8x8_digits()
    {
        var data = CsvImageReader.Read(Path.Combine(TestFiles.RepositoryRoot(), "data", "digits8x8", "digits.csv.gz"),
            CsvImageLayout.Digits8x8);
        Assert.Equal(1797, data.Count);
        Assert.Equal(64, data.Features);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], data.LabelHistogram());
        Assert.Equal(16, data.MaxPixel);
    }

    [Fact]
    public void Reads_the_label_first_tutorial_csv_with_its_header()
    {
        string header = "label," + string.Join(',', Enumerable.Range(0, 784).Select(i => $"pixel{i}"));
        string row = "7," + string.Join(',', Enumerable.Range(0, 784).Select(i => i % 256));
        var data = CsvImageReader.Read(_files.Text("mnist.csv", header + "\n" + row + "\n"),
            CsvImageLayout.LabelThenPixels28);
        Assert.Equal(1, data.Count);
        Assert.Equal(7, data.Labels[0]);
        Assert.Equal(255, data.Image(0)[255]);
    }

    [Theory]
    [InlineData("17", "pixel value 17 in column 5 is outside 0..16")]
    [InlineData("x", "column 5 is not a whole number; expected a pixel value 0..16")]
    [InlineData("-1", "column 5 ('-1') is not a whole number; expected a pixel value 0..16")]
    [InlineData("root:x:0:0", "column 5 is not a whole number")]
    public void A_bad_pixel_names_its_line_and_column(string bad, string expected)
    {
        var cells = Enumerable.Repeat("0", 64).ToArray();
        cells[4] = bad;
        string path = _files.Text("d.csv", DigitRow(1) + "\n" + string.Join(',', cells) + ",2\n");
        var error = Assert.Throws<DataException>(() => CsvImageReader.Read(path, CsvImageLayout.Digits8x8));
        Assert.Contains($"{path}:2:", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("root", error.Message);
    }

    [Fact]
    public void A_label_out_of_range_is_named()
    {
        string path = _files.Text("d.csv", DigitRow(10) + "\n");
        Assert.Contains("label 10 is outside 0..9",
            Assert.Throws<DataException>(() => CsvImageReader.Read(path, CsvImageLayout.Digits8x8)).Message);
    }

    [Fact]
    public void A_short_last_row_reads_as_truncation()
    {
        string path = _files.Text("d.csv", DigitRow(1) + "\n" + "1,2,3");
        Assert.Contains(":2: 3 values; expected 64 pixels and a label. Is the file truncated?",
            Assert.Throws<DataException>(() => CsvImageReader.Read(path, CsvImageLayout.Digits8x8)).Message);
    }

    [Fact]
    public void A_header_where_numbers_are_expected_and_the_reverse()
    {
        string path = _files.Text("d.csv", DigitRow(1) + "\n");
        Assert.Contains("expected a header line",
            Assert.Throws<DataException>(() => CsvImageReader.Read(path, CsvImageLayout.LabelThenPixels28)).Message);
        string withHeader = _files.Text("h.csv", "label,a,b\n" + DigitRow(1) + "\n");
        // A cell that is not number-like is named by its column, never quoted: the file may not be data at all.
        string message =
            Assert.Throws<DataException>(() => CsvImageReader.Read(withHeader, CsvImageLayout.Digits8x8)).Message;
        Assert.Contains(":1: column 1 is not a whole number", message);
        Assert.DoesNotContain("label", message);
    }

    [Fact]
    public void An_empty_file_holds_no_samples()
    {
        Assert.Contains("holds no samples",
            Assert.Throws<DataException>(() =>
                CsvImageReader.Read(_files.Text("e.csv", ""), CsvImageLayout.Digits8x8)).Message);
    }
}
