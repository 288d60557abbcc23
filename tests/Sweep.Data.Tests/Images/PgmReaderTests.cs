using System.Text;
using Sweep.Data.Images;

namespace Sweep.Data.Tests.Images;

public sealed class PgmReaderTests
{
    [Fact]
    public void Binary_and_plain_pgm_with_comments_read_the_same()
    {
        byte[] binary = [.. Encoding.ASCII.GetBytes("P5\n# made by hand\n3 2\n255\n"), 0, 128, 255, 10, 20, 30];
        byte[] plain = Encoding.ASCII.GetBytes("P2\n3 2 # width height\n255\n0 128 255\n10 20 30\n");
        Assert.Equal([0, 128, 255, 10, 20, 30], PgmReader.Read(binary, "a.pgm").Pixels);
        Assert.Equal([0, 128, 255, 10, 20, 30], PgmReader.Read(plain, "b.pgm").Pixels);
    }

    [Fact]
    public void Other_maxvals_are_scaled_to_255()
    {
        Assert.Equal([0, 136, 255], PgmReader.Read(Encoding.ASCII.GetBytes("P2 3 1 15 0 8 15"), "c.pgm").Pixels);
        byte[] wide = [.. Encoding.ASCII.GetBytes("P5 2 1 65535\n"), 0xFF, 0xFF, 0x00, 0x00];
        Assert.Equal([255, 0], PgmReader.Read(wide, "d.pgm").Pixels);
    }

    [Theory]
    [InlineData("P5 4 4 255\n\u0001\u0002", "truncated")]
    [InlineData("P2 2 1 255 0", "truncated")]
    [InlineData("P2 2 1 15 0 16", "above maxval 15")]
    [InlineData("P6 2 1 255", "must start with P5 or P2")]
    [InlineData("P2 0 1 255", "empty or too large")]
    public void Bad_pgm_files_say_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<ImageFormatException>(() => PgmReader.Read(Encoding.Latin1.GetBytes(text), "e.pgm"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Image_files_are_recognised_by_content()
    {
        string dir = Directory.CreateTempSubdirectory("sweep-img-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(dir, "digit.jpg"),
                ImageFiles.Encode([1, 2], 2, 1, SkiaSharp.SKEncodedImageFormat.Png)); // misnamed, still a PNG
            Assert.Equal([1, 2], ImageFile.Load(Path.Combine(dir, "digit.jpg")).Pixels);
            File.WriteAllText(Path.Combine(dir, "notes.png"), "hello");
            Assert.Contains("not an image: its first bytes match none of",
                Assert.Throws<ImageFormatException>(() => ImageFile.Load(Path.Combine(dir, "notes.png"))).Message);
            Assert.Contains("file not found",
                Assert.Throws<ImageFormatException>(() => ImageFile.Load(Path.Combine(dir, "missing.png"))).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
