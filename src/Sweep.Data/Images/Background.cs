namespace Sweep.Data.Images;

/// <summary>An image's background judged by its border, where a digit or an object rarely is on all four
/// sides.</summary>
internal static class Background
{
    /// <summary>The border's mean grey level, 0-255.</summary>
    public static double Level(GreyImage image)
    {
        long sum = 0;
        int count = 0;
        for (int x = 0; x < image.Width; x++) { sum += image[x, 0] + image[x, image.Height - 1]; count += 2; }
        for (int y = 0; y < image.Height; y++) { sum += image[0, y] + image[image.Width - 1, y]; count += 2; }
        return sum / (double)count;
    }

    /// <summary>Dark ink on light paper (a scan, a photo on a white table), the reverse of the data sets'.</summary>
    public static bool IsLight(GreyImage image) => Level(image) > 127.5;
}
