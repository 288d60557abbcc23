using Sweep.Data.Formats;

namespace Sweep.Data.Tests.Formats;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    private (string Images, string Labels) Pair(int count = 3, bool gzip = false) => (
        _files.Idx("img", 2051, [count, 2, 2], Enumerable.Range(0, count * 4).Select(i => (byte)i).ToArray(), gzip),
        _files.Idx("lbl", 2049, [count], Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray(), gzip));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_raw_and_gzip_files(bool gzip)
    {
        var (images, labels) = Pair(gzip: gzip);
        var data = IdxReader.Read(images, labels);
        Assert.Equal(3, data.Count);
        Assert.Equal(4, data.Features);
        Assert.Equal(new byte[] { 4, 5, 6, 7 }, data.Image(1).ToArray());
        Assert.Equal(new byte[] { 0, 1, 2 }, data.Labels);
    }

    [Fact]
    public void A_wrong_magic_is_named_with_the_file()
    {
        var path = _files.Idx("bad", 1234, [1, 1, 1], [0]);
        var error = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("magic number 1234, expected 2051", error.Message);
    }

    [Fact]
    public void Swapped_files_are_recognised()
    {
        var (images, labels) = Pair();
        Assert.Contains("swapped", Assert.Throws<DataException>(() => IdxReader.Read(labels, images)).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_file_is_refused_from_its_header_before_the_pixels_are_allocated(bool gzip)
    {
        // The header announces 16 + 40 bytes; the file (or gzip's record of its content) has 16 + 25.
        var path = _files.Idx("short", 2051, [10, 2, 2], new byte[25], gzip);
        var error = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));
        Assert.Contains("announces 56 bytes", error.Message);
        Assert.Contains(gzip ? "holds 41" : "has 41", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_header_announcing_more_than_the_data_limit_is_refused_before_allocating()
    {
        var path = _files.Idx("huge", 2051, [100_000, 4096, 4096], new byte[16], gzip: false);
        var error = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));
        Assert.Contains($"at most {DataFile.MaxBytes:N0}", error.Message);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/tmp")]
    public void A_device_or_folder_is_refused_unread(string path) =>
        Assert.Contains(path, Assert.Throws<DataException>(() => IdxReader.ReadImages(path)).Message);

    [Fact]
    public void A_truncated_gzip_stream_is_an_error_not_a_crash()
    {
        var path = _files.Idx("cut.gz", 2051, [100, 8, 8], new byte[6400], gzip: true);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<DataException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        var images = _files.Idx("img", 2051, [3, 2, 2], new byte[12]);
        var labels = _files.Idx("lbl", 2049, [4], new byte[4]);
        Assert.Contains("4 labels but", Assert.Throws<DataException>(() => IdxReader.Read(images, labels)).Message);
    }

    [Fact]
    public void A_label_out_of_range_is_named()
    {
        var images = _files.Idx("img", 2051, [2, 1, 1], new byte[2]);
        var labels = _files.Idx("lbl", 2049, [2], [3, 12]);
        Assert.Contains("label 12 of sample 1",
            Assert.Throws<DataException>(() => IdxReader.Read(images, labels)).Message);
    }

    [Fact]
    public void Extra_bytes_after_the_announced_data_are_an_error()
    {
        var path = _files.Idx("long", 2049, [2], [1, 2, 3]);
        Assert.Contains("does not match its header",
            Assert.Throws<DataException>(() => IdxReader.ReadLabels(path)).Message);
        var zipped = _files.Idx("long.gz", 2049, [2], [1, 2, 3], gzip: true);
        Assert.Contains("truncated or damaged",
            Assert.Throws<DataException>(() => IdxReader.ReadLabels(zipped)).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        Assert.Contains("file not found",
            Assert.Throws<DataException>(() => IdxReader.ReadLabels(Path.Combine(_files.Dir, "nope"))).Message);
    }

    [RealMnistFact]
    public void Reads_the_real_mnist_with_its_published_shape_and_label_histogram()
    {
        string dir = Path.Combine(RealMnistFactAttribute.Required, "mnist");
        var train = IdxReader.Read(Path.Combine(dir, "train-images-idx3-ubyte.gz"),
            Path.Combine(dir, "train-labels-idx1-ubyte.gz"));
        var test = IdxReader.Read(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"),
            Path.Combine(dir, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal((60_000, 28, 28), (train.Count, train.Rows, train.Columns));
        Assert.Equal(10_000, test.Count);
        Assert.Equal([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949], train.LabelHistogram());
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], test.LabelHistogram());
    }
}
