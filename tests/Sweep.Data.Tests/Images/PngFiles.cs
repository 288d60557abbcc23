using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Data.Tests.Images;

/// <summary>PNGs built by hand, the way other programs write them: real zlib compression and every row filter, and the
/// kinds a phone or an editor writes that our images encoder does not (palette, 16-bit, 1-bit, interlaced).</summary>
internal static class PngFiles
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG from rows already packed at their bit depth, each with filter 0; with a palette (PLTE) when
    /// given.</summary>
    public static byte[] Packed(int width, int height, byte depth, byte colourType, byte[][] rows,
        byte[]? palette = null, byte interlace = 0)
    {
        using var z = new MemoryStream();
        using (var deflate = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
            foreach (var row in rows) { deflate.WriteByte(0); deflate.Write(row); }
        return Assemble(width, height, depth, colourType, interlace, palette, z.ToArray());
    }

    /// <param name="pixels">[height, width·channels]</param>
    /// <param name="filters">the filter type of each row, cycling (0 none, 1 sub, 2 up, 3 average, 4 Paeth)</param>
    public static byte[] Build(byte[] pixels, int width, int height, byte colourType, int channels, int[] filters,
        byte depth = 8, byte interlace = 0)
    {
        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        for (int y = 0; y < height; y++)
        {
            int f = filters[y % filters.Length];
            raw[y * (stride + 1)] = (byte)f;
            for (int i = 0; i < stride; i++)
            {
                int x = pixels[y * stride + i], a = i >= channels ? pixels[y * stride + i - channels] : 0,
                    b = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int c = y > 0 && i >= channels ? pixels[(y - 1) * stride + i - channels] : 0;
                int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                int predicted = f switch { 1 => a, 2 => b, 3 => (a + b) / 2,
                    4 => pa <= pb && pa <= pc ? a : pb <= pc ? b : c, _ => 0 };
                raw[y * (stride + 1) + 1 + i] = (byte)(x - predicted);
            }
        }
        using var z = new MemoryStream();
        using (var deflate = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) deflate.Write(raw);
        var data = z.ToArray();
        // Two IDAT chunks, as large images have.
        return Assemble(width, height, depth, colourType, interlace, null, data[..(data.Length / 2)],
            data[(data.Length / 2)..]);
    }

    /// <summary>Signature, IHDR, PLTE when given, the IDAT chunks in order, IEND.</summary>
    private static byte[] Assemble(int width, int height, byte depth, byte colourType, byte interlace, byte[]? palette,
        params byte[][] idat)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = depth;
        header[9] = colourType;
        header[12] = interlace;
        using var png = new MemoryStream();
        png.Write(Signature);
        Chunk(png, "IHDR", header);
        if (palette is not null) Chunk(png, "PLTE", palette);
        foreach (var part in idat) Chunk(png, "IDAT", part);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var word = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        png.Write(word);
    }

    /// <summary>CRC-32 (IEEE), as PNG chunks carry it.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
