namespace Sweep.Data.Images;

/// <summary>
/// Prepares a photographed object the way Fashion-MNIST's were (Xiao, Rasul and Vollgraf, 2017): bright on a dark
/// background (inverted when the background is light), the whole picture scaled to fit the frame keeping its aspect
/// ratio and centred, the rest of the frame background. A garment is not a digit: cropping to the ink would cut a
/// shirt's pale sleeves, and centring by mass would move a shoe off its place.
/// </summary>
public static class ObjectPreparation
{
    /// <returns>raw[side·side] in the data set's units, 0 = background, maxPixel = full brightness.</returns>
    public static byte[] Prepare(GreyImage image, int side, byte maxPixel, string path)
    {
        var ink = DigitPreparation.Ink(image);
        if (ink.Max() < 32)
            throw ImageFormatException.Unreadable(path,
                "no object found: the image is blank or has almost no contrast.",
                "Give an object on a plain background, light or dark.");
        double scale = (double)side / Math.Max(image.Width, image.Height);
        int tw = Math.Clamp((int)Math.Round(image.Width * scale), 1, side),
            th = Math.Clamp((int)Math.Round(image.Height * scale), 1, side);
        var patch = DigitPreparation.Resample(ink, image.Width, 0, 0, image.Width, image.Height, tw, th);
        int ox = (side - tw) / 2, oy = (side - th) / 2;
        var raw = new byte[side * side];
        for (int y = 0; y < th; y++)
            for (int x = 0; x < tw; x++)
                raw[(y + oy) * side + x + ox] =
                    (byte)Math.Round(Math.Clamp(patch[y * tw + x], 0, 255) / 255 * maxPixel);
        return raw;
    }
}
