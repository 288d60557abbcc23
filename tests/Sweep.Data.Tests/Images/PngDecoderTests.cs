using Sweep.Data.Images;

namespace Sweep.Data.Tests.Images;

public sealed class PngDecoderTests
{
    private static byte[] Noise(int n, int seed)
    {
        var bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(28, 28)]
    [InlineData(300, 3)] // a row longer than one stored deflate block would be for tiny images
    public void Our_grey_png_decodes_to_the_same_pixels(int width, int height)
    {
        var pixels = Noise(width * height, width);
        var image = PngDecoder.Decode(PngEncoder.EncodeGrey(pixels, width, height), "x.png");
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void A_large_image_spans_several_stored_blocks()
    {
        var pixels = Noise(400 * 300, 3);
        Assert.Equal(pixels, PngDecoder.Decode(PngEncoder.EncodeGrey(pixels, 400, 300), "big.png").Pixels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Every_row_filter_with_real_zlib_decodes(int filter)
    {
        const int W = 13, H = 9;
        var grey = Noise(W * H, filter);
        var image = PngDecoder.Decode(PngFiles.Build(grey, W, H, colourType: 0, channels: 1, [filter, 0, filter]), "f.png");
        Assert.Equal(grey, image.Pixels);
        var rgb = grey.SelectMany(g => new[] { g, g, g }).ToArray();
        Assert.Equal(grey, PngDecoder.Decode(PngFiles.Build(rgb, W, H, colourType: 2, channels: 3, [filter, 4, 1]), "rgb.png").Pixels);
    }

    [Fact]
    public void Colour_becomes_grey_and_transparency_lies_over_white()
    {
        byte[] rgba = [255, 0, 0, 255, /**/ 0, 255, 0, 255, /**/ 0, 0, 0, 0, /**/ 0, 0, 0, 128];
        var image = PngDecoder.Decode(PngEncoder.EncodeRgba(rgba, 2, 2), "c.png");
        Assert.Equal([76, 150, 255, 127], image.Pixels); // 0.299·255, 0.587·255, fully transparent → white, half black over white
        byte[] greyAlpha = [0, 255, 200, 0];
        Assert.Equal([0, 255], PngDecoder.Decode(PngFiles.Build(greyAlpha, 2, 1, colourType: 4, channels: 2, [0]), "ga.png").Pixels);
    }

    [Theory]
    [InlineData("truncated", "truncated")]
    [InlineData("crc", "fails its CRC check")]
    [InlineData("interlaced", "interlaced")]
    [InlineData("palette", "colour type 3 (palette) is not supported")]
    [InlineData("16bit", "16-bit samples are not supported")]
    [InlineData("signature", "not a PNG file")]
    [InlineData("short-data", "the image data stops after")]
    [InlineData("filter", "unknown filter type 9")]
    public void Damaged_or_unsupported_files_say_what_is_wrong(string damage, string message)
    {
        var good = PngEncoder.EncodeGrey(Noise(64, 1), 8, 8);
        byte[] bytes = damage switch
        {
            "truncated" => good[..(good.Length - 20)],
            "crc" => Flip(good, 40),
            "interlaced" => PngFiles.Build(Noise(64, 1), 8, 8, 0, 1, [0], interlace: 1),
            "palette" => PngFiles.Build(Noise(64, 1), 8, 8, 3, 1, [0]),
            "16bit" => PngFiles.Build(Noise(128, 1), 8, 8, 0, 1, [0], depth: 16),
            "signature" => [.. "GIF89a"u8, .. good],
            "short-data" => PngFiles.Build(Noise(56, 1), 8, 7, 0, 1, [0]) is var p ? SetHeight(p, 8) : [],
            "filter" => PngFiles.Build(Noise(64, 1), 8, 8, 0, 1, [9]),
            _ => throw new ArgumentException(damage),
        };
        var e = Assert.Throws<ImageFormatException>(() => PngDecoder.Decode(bytes, "digit.png"));
        Assert.StartsWith("digit.png: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0xFF;
        return copy;
    }

    /// <summary>Claims one more row than the data holds, with the header's CRC fixed so only the data is short.</summary>
    private static byte[] SetHeight(byte[] png, int height)
    {
        var copy = png.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(8 + 8 + 4), height);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(8 + 8 + 13), Crc32.Compute(copy.AsSpan(8 + 4, 17)));
        return copy;
    }
}
