namespace Sweep.Data.Images;

/// <summary>
/// How a user's image becomes one of a data set's: the rule belongs to the data set and travels with the model (its
/// file's metadata, and the ONNX and JSON exports), so that another runtime can repeat it.
/// </summary>
public enum ImagePreparation
{
    /// <summary>Handwritten digits (MNIST, the 8×8 digits): cropped to the ink, fitted to MNIST's 20×20 box (the 8×8
    /// frame for the small digits), centred by mass, contrast stretched (<see cref="DigitPreparation"/>).</summary>
    Digits,

    /// <summary>Photographed objects (Fashion-MNIST): scaled whole to fit the frame, keeping the aspect ratio, and
    /// letterboxed on the background, with no crop to the ink and no contrast stretch
    /// (<see cref="ObjectPreparation"/>).</summary>
    Objects,
}

/// <summary>The preparations by the names a model file and an export give them.</summary>
public static class ImagePreparations
{
    public static string Name(ImagePreparation preparation) => preparation switch
    {
        ImagePreparation.Objects => "objects",
        _ => "digits",
    };

    public static bool TryParse(string? name, out ImagePreparation preparation)
    {
        preparation = name == "objects" ? ImagePreparation.Objects : ImagePreparation.Digits;
        return name is "objects" or "digits";
    }

    /// <summary>
    /// The raw input (side × side, 0 = background, maxPixel = full ink) for an image: unchanged when it already is
    /// one (the model's size, a dark background as the data set's: a data set's own image goes in as it came out),
    /// prepared by the data set's rule otherwise.
    /// </summary>
    public static byte[] Prepare(GreyImage image, int side, byte maxPixel, ImagePreparation preparation, string path)
    {
        if (image.Width == side && image.Height == side && !Background.IsLight(image))
            return image.Pixels.Select(p => (byte)Math.Round(p * maxPixel / 255.0)).ToArray();
        return preparation == ImagePreparation.Objects
            ? ObjectPreparation.Prepare(image, side, maxPixel, path)
            : DigitPreparation.Prepare(image, side, maxPixel, path);
    }
}
