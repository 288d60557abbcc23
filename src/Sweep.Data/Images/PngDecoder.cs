using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Data.Images;

/// <summary>
/// Reads PNG files of 8-bit greyscale, grey + alpha, RGB or RGBA, not interlaced: what a drawing program or a phone
/// screenshot of a digit gives. Colour is turned into grey (ITU-R BT.601 weights) and transparency is laid over
/// white, as the picture looks on screen. Every chunk's CRC is checked, so a damaged file says so.
/// </summary>
public static class PngDecoder
{
    private const string Supported = "Sweep reads 8-bit greyscale, RGB or RGBA PNGs that are not interlaced; re-save it as such, or as PGM";

    public static GreyImage Decode(ReadOnlySpan<byte> file, string path)
    {
        if (file.Length < 8 || !file[..8].SequenceEqual(PngEncoder.Signature)) throw new ImageFormatException(path, "not a PNG file (the signature is missing).");
        int width = 0, height = 0, channels = 0, colourType = -1;
        using var compressed = new MemoryStream();
        int at = 8;
        bool ended = false;
        while (!ended)
        {
            if (at + 12 > file.Length) throw new ImageFormatException(path, "the file ends in the middle of a chunk; it is truncated.");
            int length = BinaryPrimitives.ReadInt32BigEndian(file[at..]);
            if (length < 0 || at + 12L + length > file.Length) throw new ImageFormatException(path, "a chunk runs past the end of the file; it is truncated.");
            var typed = file.Slice(at + 4, 4 + length);
            string type = System.Text.Encoding.ASCII.GetString(typed[..4]);
            if (BinaryPrimitives.ReadUInt32BigEndian(file[(at + 8 + length)..]) != Crc32.Compute(typed))
                throw new ImageFormatException(path, $"the {type} chunk fails its CRC check; the file is damaged.");
            var data = typed[4..];
            switch (type)
            {
                case "IHDR":
                    if (length != 13) throw new ImageFormatException(path, "the IHDR chunk has the wrong size.");
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    int depth = data[8];
                    colourType = data[9];
                    if (data[12] != 0) throw new ImageFormatException(path, $"the image is interlaced. {Supported}.");
                    channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
                    if (channels == 0) throw new ImageFormatException(path, $"colour type {colourType} ({(colourType == 3 ? "palette" : "unknown")}) is not supported. {Supported}.");
                    if (depth != 8) throw new ImageFormatException(path, $"{depth}-bit samples are not supported. {Supported}.");
                    if (width <= 0 || height <= 0 || (long)width * height > 16L * 1024 * 1024)
                        throw new ImageFormatException(path, $"a {width}×{height} image is empty or too large for a digit (at most 16 megapixels).");
                    break;
                case "IDAT":
                    if (channels == 0) throw new ImageFormatException(path, "image data comes before the IHDR header.");
                    compressed.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }
            at += 12 + length;
        }
        if (channels == 0) throw new ImageFormatException(path, "there is no IHDR header.");
        var raw = Inflate(compressed, (long)height * (width * channels + 1), path);
        Unfilter(raw, width * channels, channels, height, path);
        return ToGrey(raw, width, height, channels);
    }

    private static byte[] Inflate(MemoryStream compressed, long expected, string path)
    {
        compressed.Position = 0;
        var raw = new byte[expected];
        try
        {
            using var z = new ZLibStream(compressed, CompressionMode.Decompress);
            int read = 0, n;
            while (read < raw.Length && (n = z.Read(raw, read, raw.Length - read)) > 0) read += n;
            if (read < raw.Length) throw new ImageFormatException(path, $"the image data stops after {read} of {raw.Length} bytes; the file is truncated.");
        }
        catch (InvalidDataException e) { throw new ImageFormatException(path, $"the compressed image data is damaged ({e.Message})."); }
        return raw;
    }

    /// <summary>Undoes the per-row filters in place (PNG spec, section 9): raw[h, 1 + stride], filter byte first.</summary>
    private static void Unfilter(byte[] raw, int stride, int bpp, int height, string path)
    {
        for (int y = 0; y < height; y++)
        {
            int row = y * (stride + 1), prior = row - (stride + 1);
            byte filter = raw[row];
            for (int i = 1; i <= stride; i++)
            {
                int a = i > bpp ? raw[row + i - bpp] : 0, b = y > 0 ? raw[prior + i] : 0, c = y > 0 && i > bpp ? raw[prior + i - bpp] : 0;
                int predicted = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new ImageFormatException(path, $"row {y} has an unknown filter type {filter}; the file is damaged."),
                };
                raw[row + i] = (byte)(raw[row + i] + predicted);
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static GreyImage ToGrey(byte[] raw, int width, int height, int channels)
    {
        var grey = new byte[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int s = y * (width * channels + 1) + 1 + x * channels;
                double value = channels >= 3 ? 0.299 * raw[s] + 0.587 * raw[s + 1] + 0.114 * raw[s + 2] : raw[s];
                if (channels is 2 or 4)
                {
                    double alpha = raw[s + channels - 1] / 255.0;
                    value = value * alpha + 255 * (1 - alpha); // over white
                }
                grey[y * width + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        return new GreyImage(width, height, grey);
    }
}
