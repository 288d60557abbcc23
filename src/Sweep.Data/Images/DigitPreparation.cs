namespace Sweep.Data.Images;

/// <summary>
/// Prepares a user's digit the way MNIST's were (LeCun et al.): ink as bright on dark (inverted when the background
/// is light), cropped to the ink, scaled to fit a 20×20 box keeping its aspect ratio, and placed in 28×28 so that
/// its centre of mass is at the centre. For the 8×8 digits the digit fills the whole 8×8 frame, as theirs did.
/// </summary>
public static class DigitPreparation
{
    /// <summary>Ink below this share of the darkest stroke is paper texture or compression noise, not the
    /// digit.</summary>
    private const double InkThreshold = 0.2;

    /// <returns>raw[side·side] in the data set's units, 0 = background, maxPixel = full ink.</returns>
    public static byte[] Prepare(GreyImage image, int side, byte maxPixel, string path)
    {
        var ink = Ink(image);
        int maxInk = ink.Max();
        if (maxInk < 32)
            throw ImageFormatException.Unreadable(path, "no digit found: the image is blank or has almost no contrast.",
                "Give a dark digit on a light background, or the reverse.");
        var (x0, y0, x1, y1) = InkBox(ink, image.Width, image.Height, maxInk * InkThreshold);

        int box = side == 28 ? 20 : side;
        int w = x1 - x0, h = y1 - y0;
        double scale = (double)box / Math.Max(w, h);
        int tw = Math.Clamp((int)Math.Round(w * scale), 1, box), th = Math.Clamp((int)Math.Round(h * scale), 1, box);
        var patch = Resample(ink, image.Width, x0, y0, w, h, tw, th);

        // Centre of mass to the centre; clamped so the whole digit stays in the frame.
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < th; y++)
            for (int x = 0; x < tw; x++)
            {
                double v = patch[y * tw + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        int ox = Math.Clamp((int)Math.Round(side / 2.0 - mx / mass), 0, side - tw),
            oy = Math.Clamp((int)Math.Round(side / 2.0 - my / mass), 0, side - th);

        double peak = patch.Max();
        var raw = new byte[side * side];
        for (int y = 0; y < th; y++)
            for (int x = 0; x < tw; x++)
                // full contrast, as MNIST's strokes
                raw[(y + oy) * side + x + ox] = (byte)Math.Round(patch[y * tw + x] / peak * maxPixel);
        return raw;
    }

    /// <summary>Ink per pixel, 0-255: the grey level itself on a dark background, its inverse on a light one,
    /// judged by the border (a digit rarely touches all four edges).</summary>
    internal static int[] Ink(GreyImage image)
    {
        bool light = Background.IsLight(image);
        int background = (int)Math.Round(Background.Level(image));
        return image.Pixels.Select(p => Math.Max(0, light ? background - p : p - background)).ToArray();
    }

    private static (int X0, int Y0, int X1, int Y1) InkBox(int[] ink, int width, int height, double threshold)
    {
        int x0 = width, y0 = height, x1 = 0, y1 = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if (ink[y * width + x] >= threshold)
                {
                    x0 = Math.Min(x0, x);
                    y0 = Math.Min(y0, y);
                    x1 = Math.Max(x1, x + 1);
                    y1 = Math.Max(y1, y + 1);
                }
        return (x0, y0, x1, y1);
    }

    /// <summary>The w×h region at (x0, y0) resampled to tw×th: each target pixel averages 4×4 bilinear samples, which
    /// serves both shrinking a photo and enlarging a tiny drawing.</summary>
    internal static double[] Resample(int[] ink, int width, int x0, int y0, int w, int h, int tw, int th)
    {
        const int S = 4;
        int height = ink.Length / width;
        double Sample(double x, double y)
        {
            x = Math.Clamp(x - 0.5, 0, width - 1);
            y = Math.Clamp(y - 0.5, 0, height - 1);
            int ix = Math.Min((int)x, width - 2 < 0 ? 0 : width - 2),
                iy = Math.Min((int)y, height - 2 < 0 ? 0 : height - 2);
            double fx = width == 1 ? 0 : x - ix, fy = height == 1 ? 0 : y - iy;
            int ix1 = Math.Min(ix + 1, width - 1), iy1 = Math.Min(iy + 1, height - 1);
            return (ink[iy * width + ix] * (1 - fx) + ink[iy * width + ix1] * fx) * (1 - fy)
                + (ink[iy1 * width + ix] * (1 - fx) + ink[iy1 * width + ix1] * fx) * fy;
        }
        var patch = new double[tw * th];
        for (int ty = 0; ty < th; ty++)
            for (int tx = 0; tx < tw; tx++)
            {
                double sum = 0;
                for (int sy = 0; sy < S; sy++)
                    for (int sx = 0; sx < S; sx++)
                        sum += Sample(x0 + (tx + (sx + 0.5) / S) * w / tw, y0 + (ty + (sy + 0.5) / S) * h / th);
                patch[ty * tw + tx] = sum / (S * S);
            }
        return patch;
    }
}
