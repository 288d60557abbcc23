using Sweep.Data.Images;

namespace Sweep.Data.Tests.Images;

public sealed class DigitPreparationTests
{
    /// <summary>A white 100×60 page with a dark bar 10 wide and 40 tall, off centre: a "1" drawn in a corner.</summary>
    private static GreyImage Page(bool darkInk = true)
    {
        var pixels = new byte[100 * 60];
        for (int y = 0; y < 60; y++)
            for (int x = 0; x < 100; x++)
            {
                bool ink = x >= 70 && x < 80 && y >= 10 && y < 50;
                pixels[y * 100 + x] = (byte)(ink == darkInk ? 20 : 235);
            }
        return new GreyImage(100, 60, pixels);
    }

    [Fact]
    public void A_digit_is_scaled_into_20_by_20_and_centred_by_mass_in_28_by_28()
    {
        var raw = DigitPreparation.Prepare(Page(), 28, 255, "one.png");
        Assert.Equal(784, raw.Length);
        var inked = Enumerable.Range(0, 784).Where(i => raw[i] > 0).ToList();
        int x0 = inked.Min(i => i % 28), x1 = inked.Max(i => i % 28), y0 = inked.Min(i => i / 28),
            y1 = inked.Max(i => i / 28);
        Assert.Equal(20, y1 - y0 + 1); // the long side fills the 20-pixel box
        Assert.Equal(5, x1 - x0 + 1); // aspect ratio kept: 10/40 of 20
        double mass = inked.Sum(i => (double)raw[i]);
        Assert.Equal(14, inked.Sum(i => raw[i] * (i % 28 + 0.5)) / mass, 0.6);
        Assert.Equal(14, inked.Sum(i => raw[i] * (i / 28 + 0.5)) / mass, 0.6);
        Assert.Equal(255, raw.Max());
        Assert.Equal(0, raw[0]); // the white page became background
    }

    [Fact]
    public void Light_ink_on_a_dark_background_gives_the_same_digit()
    {
        Assert.Equal(DigitPreparation.Prepare(Page(darkInk: true), 28, 255, "a.png"),
            DigitPreparation.Prepare(Page(darkInk: false), 28, 255, "b.png"));
    }

    [Fact]
    public void Eight_by_eight_models_get_the_digit_filling_the_frame_in_their_units()
    {
        var raw = DigitPreparation.Prepare(Page(), 8, 16, "one.png");
        Assert.Equal(64, raw.Length);
        Assert.Equal(16, raw.Max());
        Assert.Contains(raw.Where((_, i) => i / 8 == 0), v => v > 0); // touches the top row
        Assert.Contains(raw.Where((_, i) => i / 8 == 7), v => v > 0); // and the bottom one
    }

    [Fact]
    public void A_blank_image_is_an_error()
    {
        var blank = new GreyImage(10, 10, Enumerable.Repeat((byte)250, 100).ToArray());
        Assert.Contains("no digit found",
            Assert.Throws<ImageFormatException>(() => DigitPreparation.Prepare(blank, 28, 255, "blank.png")).Message);
    }
}
