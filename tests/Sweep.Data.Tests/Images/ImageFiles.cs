using System.Buffers.Binary;
using SkiaSharp;

namespace Sweep.Data.Tests.Images;

/// <summary>Image files of every format users have, made in the test: PNG, JPEG and WebP by SkiaSharp's encoders;
/// BMP, GIF and ICO by hand (Skia reads them but does not write them); a JPEG with an EXIF orientation.</summary>
internal static class ImageFiles
{
    /// <summary>Grey pixels (0 black … 255 white) encoded by Skia, from an RGBA copy so that every encoder takes
    /// it.</summary>
    public static byte[] Encode(byte[] grey, int width, int height, SKEncodedImageFormat format, int quality = 100,
        byte[]? alpha = null)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                byte v = grey[y * width + x];
                bitmap.SetPixel(x, y, new SKColor(v, v, v, alpha?[y * width + x] ?? 255));
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>An 8-bit BMP with a grey palette (bottom-up rows padded to 4 bytes, as Windows writes them).</summary>
    public static byte[] Bmp(byte[] grey, int width, int height)
    {
        int stride = (width + 3) & ~3, pixelsAt = 14 + 40 + 1024;
        var file = new byte[pixelsAt + stride * height];
        file[0] = (byte)'B'; file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), pixelsAt);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 8);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), 256);
        for (int i = 0; i < 256; i++) file[54 + 4 * i] = file[55 + 4 * i] = file[56 + 4 * i] = (byte)i;
        for (int y = 0; y < height; y++)
            grey.AsSpan(y * width, width).CopyTo(file.AsSpan(pixelsAt + (height - 1 - y) * stride));
        return file;
    }

    /// <summary>A GIF with a 256-grey palette whose LZW stream sends a clear code before the table would widen its
    /// codes, so that every pixel is a literal 9-bit code: valid, if not small.</summary>
    public static byte[] Gif(byte[] grey, int width, int height)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        Span<byte> word = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)width); gif.Write(word);
        BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)height); gif.Write(word);
        gif.Write([0xF7, 0, 0]); // global table of 2^(7+1) colours
        for (int i = 0; i < 256; i++) gif.Write([(byte)i, (byte)i, (byte)i]);
        gif.WriteByte(0x2C);
        gif.Write([0, 0, 0, 0]);
        BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)width); gif.Write(word);
        BinaryPrimitives.WriteUInt16LittleEndian(word, (ushort)height); gif.Write(word);
        gif.WriteByte(0);
        gif.WriteByte(8); // minimum code size
        var codes = new List<int> { 256 };
        for (int i = 0; i < grey.Length; i++)
        {
            if (i > 0 && i % 250 == 0) codes.Add(256);
            codes.Add(grey[i]);
        }
        codes.Add(257);
        var bytes = new List<byte>();
        int bits = 0, count = 0;
        foreach (int code in codes)
        {
            bits |= code << count;
            count += 9;
            while (count >= 8) { bytes.Add((byte)bits); bits >>= 8; count -= 8; }
        }
        if (count > 0) bytes.Add((byte)bits);
        for (int at = 0; at < bytes.Count; at += 255)
        {
            int n = Math.Min(255, bytes.Count - at);
            gif.WriteByte((byte)n);
            gif.Write(bytes.GetRange(at, n).ToArray());
        }
        gif.WriteByte(0);
        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>An ICO holding one PNG image, as modern icon files do.</summary>
    public static byte[] Ico(byte[] png, int width, int height)
    {
        var header = new byte[22];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 1);
        header[6] = (byte)width; header[7] = (byte)height;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 32);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(14), png.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(18), 22);
        return [.. header, .. png];
    }

    /// <summary>A JPEG with an EXIF APP1 segment saying how the stored pixels are turned (1 as stored … 8).</summary>
    public static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        // "Exif\0\0", then a little-endian TIFF header and one IFD entry: tag 0x0112, SHORT, count 1, the value.
        byte[] tiff = [.. "II*\0"u8, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, (byte)orientation, 0, 0, 0, 0, 0,
            0, 0];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }
}
