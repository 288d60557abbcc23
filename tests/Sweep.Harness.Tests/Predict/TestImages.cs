using SkiaSharp;

namespace Sweep.Harness.Tests.Predict;

/// <summary>Users' images made in a test: grey pixels (0 black … 255 white) encoded by SkiaSharp.</summary>
internal static class TestImages
{
    public static byte[] Encode(byte[] grey, int width, int height,
        SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 95)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                byte v = grey[y * width + x];
                bitmap.SetPixel(x, y, new SKColor(v, v, v));
            }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
