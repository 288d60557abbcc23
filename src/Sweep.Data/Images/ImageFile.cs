using Sweep.Core.Files;

namespace Sweep.Data.Images;

/// <summary>Opens a user's image by its content (PNG or PGM), whatever its extension says.</summary>
public static class ImageFile
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public static GreyImage Load(string path)
    {
        byte[] bytes;
        try { bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "an image"); }
        catch (FileLimitException e) { throw new ImageFormatException(path, e.Message[(path.Length + 2)..]); }
        if (bytes.AsSpan().StartsWith(PngEncoder.Signature)) return PngDecoder.Decode(bytes, path);
        if (bytes.Length >= 2 && bytes[0] == 'P' && bytes[1] is (byte)'5' or (byte)'2') return PgmReader.Read(bytes, path);
        throw new ImageFormatException(path, "neither a PNG nor a PGM file; Sweep reads 8-bit PNG (grey, RGB, RGBA) and PGM (P5, P2).");
    }
}
