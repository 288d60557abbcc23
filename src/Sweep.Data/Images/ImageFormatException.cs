using Sweep.Core.Errors;
using Sweep.Core.Files;

namespace Sweep.Data.Images;

/// <summary>An image Sweep cannot read. Built only by the factories below: the message names the file, what is wrong
/// and what would work instead.</summary>
public sealed class ImageFormatException : SweepException
{
    private ImageFormatException(string path, string problem, bool notAnImage = false)
        : base($"{path}: {problem}", ErrorKind.Invalid)
    {
        Path = path;
        NotAnImage = notAnImage;
    }

    public string Path { get; }

    /// <summary>The file is no image at all (notes, a spreadsheet, a .DS_Store), rather than an image Sweep cannot
    /// use: in a folder of images it is passed over, where a damaged or unsupported image is still an error.</summary>
    public bool NotAnImage { get; }

    /// <summary>A file whose first bytes match no image format, read or not.</summary>
    public static ImageFormatException Unrecognised(string path) =>
        new(path, "not an image: its first bytes match none of PNG, JPEG, BMP, GIF, WebP, ICO or PGM. If it is an " +
            $"image, save it as PNG or JPEG (e.g. `convert {System.IO.Path.GetFileName(path)} digit.png`).", true);

    /// <summary>An image that cannot be used as it is, and what to do with it.</summary>
    public static ImageFormatException Unreadable(string path, string problem, string remedy) =>
        new(path, $"{problem} {remedy}");

    /// <summary>A PGM file that breaks its format (Sweep reads PGM itself: the decoders do not).</summary>
    public static ImageFormatException BadPgm(string path, string problem) =>
        new(path, $"{problem} Re-save it, or save it as PNG.");

    /// <summary>The bounded reader refused the file (missing, too large, not a regular file).</summary>
    public static ImageFormatException Refused(string path, FileLimitException e) => new(path, e.Problem);
}
