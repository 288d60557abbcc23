using System.Text;

namespace Sweep.Data.Images;

/// <summary>Reads PGM (netpbm greyscale): binary P5 and plain-text P2, with comments, any maxval up to 65535.</summary>
public static class PgmReader
{
    public static GreyImage Read(ReadOnlySpan<byte> file, string path)
    {
        if (file.Length < 2 || file[0] != 'P' || (file[1] != '5' && file[1] != '2'))
            throw ImageFormatException.BadPgm(path, "not a PGM file (it must start with P5 or P2).");
        bool binary = file[1] == '5';
        int at = 2;
        int width = Header(file, ref at, path, "width"), height = Header(file, ref at, path, "height"),
            maxval = Header(file, ref at, path, "maxval");
        if (width <= 0 || height <= 0 || (long)width * height > 16L * 1024 * 1024)
            throw ImageFormatException.BadPgm(path, $"a {width}×{height} image is empty or too large.");
        if (maxval is <= 0 or > 65535) throw ImageFormatException.BadPgm(path, $"maxval {maxval} is outside 1..65535.");
        var pixels = new byte[width * height];
        if (binary)
        {
            at++; // exactly one whitespace byte after maxval
            int bytes = maxval > 255 ? 2 : 1;
            if (file.Length - at < (long)pixels.Length * bytes)
                throw ImageFormatException.BadPgm(path,
                    $"the pixel data stops short of {width}×{height}; the file is truncated.");
            for (int i = 0; i < pixels.Length; i++)
                pixels[i] = Scale(bytes == 1 ? file[at + i] : (file[at + 2 * i] << 8) | file[at + 2 * i + 1], maxval,
                    path);
        }
        else
            for (int i = 0; i < pixels.Length; i++)
                pixels[i] = Scale(Header(file, ref at, path, $"pixel {i}"), maxval, path);
        return new GreyImage(width, height, pixels);
    }

    private static byte Scale(int v, int maxval, string path) =>
        v <= maxval ? (byte)Math.Round(v * 255.0 / maxval) : throw ImageFormatException.BadPgm(path,
        $"a pixel value {v} is above maxval {maxval}.");

    /// <summary>The next decimal number, skipping whitespace and # comments.</summary>
    private static int Header(ReadOnlySpan<byte> file, ref int at, string path, string what)
    {
        while (at < file.Length && (char.IsWhiteSpace((char)file[at]) || file[at] == '#'))
            if (file[at] == '#') while (at < file.Length && file[at] != '\n') at++;
            else at++;
        int start = at;
        while (at < file.Length && file[at] is >= (byte)'0' and <= (byte)'9' && at - start < 9) at++;
        if (at == start)
            throw ImageFormatException.BadPgm(path,
                $"expected the {what} as a number at byte {at}" +
                $"{(at >= file.Length ? " (the file ends there; it is truncated)" : "")}.");
        return int.Parse(Encoding.ASCII.GetString(file[start..at]), System.Globalization.CultureInfo.InvariantCulture);
    }
}
