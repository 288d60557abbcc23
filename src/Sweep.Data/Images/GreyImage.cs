namespace Sweep.Data.Images;

/// <summary>A decoded picture as grey levels, row by row: 0 = black, 255 = white (as photographed or drawn, before
/// any MNIST-style preparation).</summary>
public sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[y * Width + x];
}
