using Sweep.Core.Files;

namespace Sweep.Core.Tests.Files;

public sealed class BoundedFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-bounded-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_within_the_limit_is_read_whole()
    {
        string path = Path.Combine(_dir, "ok.txt");
        File.WriteAllText(path, "\uFEFFname: ok\n");
        Assert.Equal("name: ok\n", BoundedFile.ReadAllText(path, 100, "a sweep file"));
        Assert.Equal(12, BoundedFile.ReadAllBytes(path, 12, "a sweep file").Length);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_from_its_size_naming_file_and_limit()
    {
        string path = Path.Combine(_dir, "big.bin");
        using (var f = File.Create(path)) f.SetLength(1 << 20);
        var error = Assert.Throws<FileLimitException>(() => BoundedFile.ReadAllBytes(path, 1000, "a sweep file"));
        Assert.Equal(
            $"{path}: is 1,048,576 bytes or more; a sweep file is at most 1,000 bytes here. Is this the right file?",
            error.Message);
    }

    [Theory]
    [InlineData("/dev/zero", "device, FIFO or socket")]
    [InlineData("/dev/stdin", "device, FIFO or socket")]
    [InlineData("/dev/null", "device, FIFO or socket")]
    [InlineData("/tmp", "is a folder")]
    public void Devices_fifos_and_folders_are_refused_before_they_are_opened(string path, string said)
    {
        var error = Assert.Throws<FileLimitException>(() => BoundedFile.OpenRead(path, 1 << 20, "an image"));
        Assert.Contains(said, error.Message);
        Assert.Contains("give the path of an image", error.Message);
    }

    [Fact]
    public void A_named_pipe_is_refused_without_blocking()
    {
        string fifo = Path.Combine(_dir, "pipe.yaml");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", [fifo])) mk.WaitForExit();
        Assert.True(File.Exists(fifo));
        Assert.Contains("FIFO",
            Assert.Throws<FileLimitException>(() => BoundedFile.ReadAllText(fifo, 100, "a sweep file")).Message);
    }

    [Fact]
    public void A_symbolic_link_is_judged_by_what_it_points_to()
    {
        string target = Path.Combine(_dir, "real.yaml"), link = Path.Combine(_dir, "link.yaml"),
            device = Path.Combine(_dir, "zero.yaml");
        File.WriteAllText(target, "x");
        File.CreateSymbolicLink(link, target);
        File.CreateSymbolicLink(device, "/dev/zero");
        Assert.Equal("x", BoundedFile.ReadAllText(link, 10, "a sweep file"));
        Assert.Throws<FileLimitException>(() => BoundedFile.ReadAllText(device, 10, "a sweep file"));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(_dir, "nope.yaml");
        Assert.Equal($"{path}: file not found.",
            Assert.Throws<FileLimitException>(() => BoundedFile.ReadAllText(path, 10, "a sweep file")).Message);
    }

    [Fact]
    public void A_file_that_grows_past_the_limit_while_read_is_stopped_at_the_limit()
    {
        // The size is checked before reading and the bytes are counted while reading: a stream that reports a small
        // length and then delivers more is cut at the limit.
        string path = Path.Combine(_dir, "grows.bin");
        File.WriteAllBytes(path, new byte[50]);
        using var stream = BoundedFile.OpenRead(path, 100, "a results table");
        File.WriteAllBytes(path, new byte[500]); // same inode rewritten: the open stream now sees 500 bytes
        var buffer = new byte[1000];
        Assert.Throws<FileLimitException>(() => { while (stream.Read(buffer) > 0) { } });
    }
}
