using SkiaSharp;
using Sweep.Data.Images;

namespace Sweep.Data.Tests.Images;

/// <summary>Users' images in every common format decode to the same grey pixels; damaged ones are refused naming the
/// format they are and what to do.</summary>
public sealed class ImageFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-img-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const int W = 12, H = 9;

    /// <summary>A dark stroke on white with a few grey levels: enough to tell every pixel's place.</summary>
    private static readonly byte[] Picture = Enumerable.Range(0, W * H)
        .Select(i => (byte)(i % W is 3 or 4 ? 0 : i / W == 6 ? 60 : 255 - i % 7 * 10)).ToArray();

    private string Save(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static TheoryData<string> LosslessFormats => ["png", "webp-lossless", "bmp", "gif", "ico", "png-16bit",
        "png-palette", "png-interlaced", "png-rgb"];

    private static byte[] Make(string format) => format switch
    {
        "png" => ImageFiles.Encode(Picture, W, H, SKEncodedImageFormat.Png),
        "webp-lossless" => ImageFiles.Encode(Picture, W, H, SKEncodedImageFormat.Webp, quality: 100),
        "bmp" => ImageFiles.Bmp(Picture, W, H),
        "gif" => ImageFiles.Gif(Picture, W, H),
        "ico" => ImageFiles.Ico(ImageFiles.Encode(Picture, W, H, SKEncodedImageFormat.Png), W, H),
        "png-16bit" =>
            PngFiles.Packed(W, H, 16, 0,
            Enumerable.Range(0, H).Select(y => Picture.AsSpan(y * W, W).ToArray().SelectMany(v => new[] { v, v })
            .ToArray()).ToArray()),
        "png-palette" =>
            PngFiles.Packed(W, H, 8, 3, Enumerable.Range(0, H).Select(y => Picture.AsSpan(y * W, W).ToArray())
            .ToArray(),
            palette: Enumerable.Range(0, 256).SelectMany(i => new[] { (byte)i, (byte)i, (byte)i }).ToArray()),
        "png-interlaced" => Interlaced(),
        "png-rgb" => PngFiles.Build(Picture.SelectMany(v => new[] { v, v, v }).ToArray(), W, H, colourType: 2,
            channels: 3, [1, 2, 3, 4]),
        _ => throw new ArgumentException(format),
    };

    /// <summary>Adam7 needs its seven passes laid out: Skia re-encodes nothing, so this one is built pass by
    /// pass.</summary>
    private static byte[] Interlaced()
    {
        (int X0, int Y0, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4),
            (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var rows = new List<byte[]>();
        foreach (var (x0, y0, dx, dy) in passes)
            for (int y = y0; y < H; y += dy)
            {
                var row = new List<byte>();
                for (int x = x0; x < W; x += dx) row.Add(Picture[y * W + x]);
                if (row.Count > 0) rows.Add([.. row]);
            }
        return PngFiles.Packed(W, H, 8, 0, [.. rows], interlace: 1);
    }

    [Theory]
    [MemberData(nameof(LosslessFormats))]
    public void Every_lossless_format_decodes_to_the_same_pixels(string format)
    {
        var image = ImageFile.Load(Save("digit." + format, Make(format)));
        Assert.Equal((W, H), (image.Width, image.Height));
        Assert.Equal(Picture, image.Pixels);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Lossy_formats_decode_to_nearly_the_same_pixels(SKEncodedImageFormat format)
    {
        var image = ImageFile.Load(Save("digit.x", ImageFiles.Encode(Picture, W, H, format, quality: 95)));
        Assert.Equal((W, H), (image.Width, image.Height));
        Assert.True(Picture.Zip(image.Pixels).Average(p => Math.Abs(p.First - p.Second)) < 12,
            "mean error of a few grey levels");
    }

    [Fact]
    public void A_one_bit_png_decodes_to_black_and_white()
    {
        // 8×2: the first row all set (white), the second alternating.
        var image = ImageFile.Load(Save("bits.png", PngFiles.Packed(8, 2, 1, 0, [[0xFF], [0xAA]])));
        Assert.Equal([255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 255, 0, 255, 0, 255, 0], image.Pixels);
    }

    [Fact]
    public void Transparent_pixels_lie_over_white()
    {
        // first row transparent black
        byte[] alpha = Enumerable.Range(0, W * H).Select(i => (byte)(i < W ? 0 : 255)).ToArray();
        var black = new byte[W * H];
        var image =
            ImageFile.Load(Save("alpha.png", ImageFiles.Encode(black, W, H, SKEncodedImageFormat.Png, alpha: alpha)));
        Assert.All(image.Pixels[..W], p => Assert.Equal(255, p));
        Assert.All(image.Pixels[W..], p => Assert.Equal(0, p));
    }

    [Theory]
    [InlineData(1, false, false, false)]
    [InlineData(3, true, true, false)]
    [InlineData(6, false, false, true)]  // stored turned a quarter left: shown turned right
    [InlineData(8, false, false, true)]
    public void Exif_orientation_is_applied(ushort orientation, bool flipX, bool flipY, bool transposed)
    {
        // One black pixel in the top left corner of the stored image; a 16×8 picture so that a quarter turn shows.
        var stored = Enumerable.Repeat((byte)255, 16 * 8).ToArray();
        for (int y = 0; y < 3; y++) for (int x = 0; x < 3; x++) stored[y * 16 + x] = 0;
        var jpeg = ImageFiles.WithOrientation(ImageFiles.Encode(stored, 16, 8, SKEncodedImageFormat.Jpeg), orientation);
        var image = ImageFile.Load(Save("phone.jpg", jpeg));
        Assert.Equal(transposed ? (8, 16) : (16, 8), (image.Width, image.Height));
        int darkX = image.Pixels.Select((p, i) => (p, i)).Where(t => t.p < 128)
            .Average(t => t.i % image.Width) < image.Width / 2.0 ? 0 : 1;
        int darkY = image.Pixels.Select((p, i) => (p, i)).Where(t => t.p < 128)
            .Average(t => t.i / image.Width) < image.Height / 2.0 ? 0 : 1;
        if (!transposed) Assert.Equal((flipX ? 1 : 0, flipY ? 1 : 0), (darkX, darkY));
        // 6: top left goes top right; 8: bottom left
        else Assert.Equal(orientation == 6 ? (1, 0) : (0, 1), (darkX, darkY));
    }

    [Theory]
    [InlineData("png", "PNG that is truncated or damaged")]
    [InlineData("jpg", "JPEG that is truncated or damaged")]
    public void A_truncated_file_is_refused_not_zero_filled(string kind, string message)
    {
        var big = Enumerable.Range(0, 64 * 64).Select(i => (byte)(i * 37 % 251)).ToArray();
        var whole = ImageFiles.Encode(big, 64, 64,
            kind == "png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg);
        var error = Assert.Throws<ImageFormatException>(() =>
            ImageFile.Load(Save("cut." + kind, whole[..(whole.Length * 2 / 3)])));
        Assert.Contains(message, error.Message);
        Assert.Contains("Re-save or re-copy it", error.Message);
    }

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header()
    {
        // A valid PNG header claiming 20000×20000 pixels, and almost no data.
        var bomb = PngFiles.Packed(20000, 20000, 1, 0, [new byte[2500]]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Load(Save("bomb.png", bomb)));
        Assert.Contains("a PNG of 20000×20000 pixels", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16 << 20);
    }

    [Theory]
    [InlineData("II*\0rest of a tiff", "a TIFF image")]
    [InlineData("%PDF-1.7", "a PDF document")]
    [InlineData("hello, not an image", "not an image: its first bytes match none of PNG")]
    public void An_unreadable_format_is_named_with_what_to_do(string content, string named)
    {
        var error = Assert.Throws<ImageFormatException>(() =>
            ImageFile.Load(Save("scan.tif", System.Text.Encoding.ASCII.GetBytes(content))));
        Assert.Contains(named, error.Message);
        Assert.Contains("save it as png or jpeg", error.Message.ToLowerInvariant());
    }
}
