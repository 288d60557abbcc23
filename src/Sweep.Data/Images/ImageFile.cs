namespace Sweep.Data.Images;

/// <summary>Opens a user's image by its content (PNG or PGM), whatever its extension says.</summary>
public static class ImageFile
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static GreyImage Load(string path)
    {
        if (!File.Exists(path)) throw new ImageFormatException(path, "no such file.");
        if (new FileInfo(path).Length > MaxBytes) throw new ImageFormatException(path, "larger than 64 MiB; a digit image is far smaller.");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.AsSpan().StartsWith(PngEncoder.Signature)) return PngDecoder.Decode(bytes, path);
        if (bytes.Length >= 2 && bytes[0] == 'P' && bytes[1] is (byte)'5' or (byte)'2') return PgmReader.Read(bytes, path);
        throw new ImageFormatException(path, "neither a PNG nor a PGM file; Sweep reads 8-bit PNG (grey, RGB, RGBA) and PGM (P5, P2).");
    }
}
