using SkiaSharp;
using Sweep.Core.Files;

namespace Sweep.Data.Images;

/// <summary>
/// Opens a user's image by its content, whatever its extension says: PGM by our own reader, everything else through
/// SkiaSharp (PNG of every colour type and depth, interlaced or not; JPEG, BMP, GIF's first frame, WebP, ICO). The
/// traps of a decoder are handled here: the size is checked from the header before anything is decoded (a
/// decompression bomb is a few kilobytes claiming gigapixels), a truncated file is refused (Skia would zero-fill it),
/// transparent pixels lie over white (as on the page they were drawn on), and EXIF orientation is applied (a phone's
/// JPEG is stored sideways). Every error names the format it found and what to do.
/// </summary>
public static class ImageFile
{
    public const long MaxBytes = 64L * 1024 * 1024;
    /// <summary>16 megapixels: a photographed digit needs a fraction of that.</summary>
    public const long MaxPixels = 16L * 1024 * 1024;

    public static GreyImage Load(string path)
    {
        byte[] bytes;
        try { bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "an image"); }
        catch (FileLimitException e) { throw ImageFormatException.Refused(path, e); }
        if (bytes.Length >= 2 && bytes[0] == 'P' && bytes[1] is (byte)'5' or (byte)'2')
            return PgmReader.Read(bytes, path);
        return Decode(bytes, path);
    }

    private static GreyImage Decode(byte[] bytes, string path)
    {
        using var stream = new SKMemoryStream(bytes);
        using var codec = SKCodec.Create(stream, out _);
        if (codec is null)
            throw Sniff(bytes) is { } found
                ? ImageFormatException.Unreadable(path, $"{found}, which Sweep cannot read.",
                    $"Save it as PNG or JPEG (e.g. `convert {Path.GetFileName(path)} digit.png`).")
                : ImageFormatException.Unrecognised(path);
        string format = codec.EncodedFormat.ToString().ToUpperInvariant();
        var info = codec.Info;
        if ((long)info.Width * info.Height > MaxPixels)
            throw ImageFormatException.Unreadable(path,
                $"a {format} of {info.Width}×{info.Height} pixels; Sweep reads images of at most {MaxPixels:N0} " +
                "pixels.",
                "Crop or shrink it to the digit.");
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[target.BytesSize];
        SKCodecResult result;
        unsafe
        {
            fixed (byte* p = rgba) result = codec.GetPixels(target, (nint)p);
        }
        if (result is SKCodecResult.IncompleteInput or SKCodecResult.ErrorInInput)
            throw ImageFormatException.Unreadable(path,
                $"a {format} that is truncated or damaged ({result}): part of the image is missing.",
                "Re-save or re-copy it.");
        if (result != SKCodecResult.Success)
            throw ImageFormatException.Unreadable(path, $"a {format} that cannot be decoded ({result}).",
                "Re-save it as an ordinary 8-bit PNG.");
        return Orient(Grey(rgba, info.Width, info.Height), codec.EncodedOrigin);
    }

    /// <summary>Luma (ITU-R BT.601) of each pixel laid over white by its alpha.</summary>
    private static GreyImage Grey(byte[] rgba, int width, int height)
    {
        var grey = new byte[width * height];
        for (int i = 0; i < grey.Length; i++)
        {
            double luma = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
            double alpha = rgba[4 * i + 3] / 255.0;
            grey[i] = (byte)Math.Clamp(Math.Round(luma * alpha + 255 * (1 - alpha)), 0, 255);
        }
        return new GreyImage(width, height, grey);
    }

    /// <summary>The image as it is meant to be seen: EXIF's orientation tag says how the stored pixels are
    /// turned.</summary>
    internal static GreyImage Orient(GreyImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return image;
        int w = image.Width, h = image.Height;
        bool swap = origin >= SKEncodedOrigin.LeftTop; // 5-8 turn by a quarter
        int outW = swap ? h : w, outH = swap ? w : h;
        var pixels = new byte[w * h];
        for (int y = 0; y < outH; y++)
            for (int x = 0; x < outW; x++)
            {
                // Where the displayed pixel (x, y) is stored.
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                pixels[y * outW + x] = image[sx, sy];
            }
        return new GreyImage(outW, outH, pixels);
    }

    /// <summary>What a file Skia does not read seems to be, from its first bytes; null when nothing
    /// matches.</summary>
    private static string? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return "a TIFF image";
        if (b.Length > 12 && b[4..12].SequenceEqual("ftypheic"u8)) return "a HEIC image";
        if (b.StartsWith("%PDF"u8)) return "a PDF document";
        if (b.StartsWith("<svg"u8) || b.StartsWith("<?xml"u8)) return "an SVG or XML file";
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G'])) return "a PNG that is damaged";
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8])) return "a JPEG that is damaged";
        return null;
    }
}
