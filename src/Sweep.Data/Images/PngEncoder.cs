using System.Buffers.Binary;

namespace Sweep.Data.Images;

/// <summary>
/// Writes 8-bit greyscale PNGs. The image data goes into stored (uncompressed) deflate blocks: the images Sweep
/// writes are tiny digits, and stored blocks make the bytes identical on every runtime, whatever zlib it ships.
/// </summary>
public static class PngEncoder
{
    public static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="pixels">[height, width] row by row, 0 = black.</param>
    public static byte[] EncodeGrey(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, colourType: 0, channels: 1);

    /// <param name="pixels">[height, width, 3] row by row.</param>
    public static byte[] EncodeRgb(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, colourType: 2, channels: 3);

    /// <param name="pixels">[height, width, 4] row by row.</param>
    public static byte[] EncodeRgba(ReadOnlySpan<byte> pixels, int width, int height) => Encode(pixels, width, height, colourType: 6, channels: 4);

    private static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, byte colourType, int channels)
    {
        if (width <= 0 || height <= 0 || pixels.Length != width * height * channels)
            throw new ArgumentException($"{pixels.Length} bytes do not make a {width}×{height} image with {channels} channel(s).");
        using var png = new MemoryStream();
        png.Write(Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = colourType;
        WriteChunk(png, "IHDR", header);

        // Each scanline starts with filter type 0 (none).
        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++) pixels.Slice(y * stride, stride).CopyTo(raw.AsSpan(y * (stride + 1) + 1));
        WriteChunk(png, "IDAT", ZlibStored(raw));
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typed = new byte[4 + data.Length];
        for (int i = 0; i < 4; i++) typed[i] = (byte)type[i];
        data.CopyTo(typed.AsSpan(4));
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typed));
        png.Write(word);
    }

    /// <summary>A zlib stream of stored deflate blocks (at most 65,535 bytes each) with its Adler-32.</summary>
    private static byte[] ZlibStored(byte[] data)
    {
        using var z = new MemoryStream();
        z.WriteByte(0x78);
        z.WriteByte(0x01);
        int offset = 0;
        do
        {
            int length = Math.Min(65535, data.Length - offset);
            z.WriteByte((byte)(offset + length == data.Length ? 1 : 0));
            z.WriteByte((byte)length);
            z.WriteByte((byte)(length >> 8));
            z.WriteByte((byte)~length);
            z.WriteByte((byte)(~length >> 8));
            z.Write(data, offset, length);
            offset += length;
        } while (offset < data.Length);
        uint a = 1, b = 0;
        foreach (byte x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        Span<byte> adler = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adler, (b << 16) | a);
        z.Write(adler);
        return z.ToArray();
    }
}
