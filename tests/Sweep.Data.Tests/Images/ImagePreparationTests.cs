using Sweep.Data.Images;

namespace Sweep.Data.Tests.Images;

/// <summary>The preparation belongs to the data set: an image already at the model's size and polarity goes in
/// unchanged; digits are cropped to the ink and centred by mass; objects are letterboxed whole.</summary>
public class ImagePreparationTests
{
    private static GreyImage Canvas(int width, int height, byte background, Action<byte[]> draw)
    {
        var pixels = Enumerable.Repeat(background, width * height).ToArray();
        draw(pixels);
        return new GreyImage(width, height, pixels);
    }

    [Theory]
    [InlineData(ImagePreparation.Digits)]
    [InlineData(ImagePreparation.Objects)]
    public void An_image_at_the_models_size_on_a_dark_background_goes_in_unchanged(ImagePreparation how)
    {
        var image = Canvas(28, 28, 0, p => { for (int i = 100; i < 400; i += 3) p[i] = (byte)(i % 256); });
        Assert.Equal(image.Pixels, ImagePreparations.Prepare(image, 28, 255, how, "x.png"));
        // In the 8×8 digits' units (0..16), scaled and nothing else.
        var small = Canvas(8, 8, 0, p => p[27] = 255);
        Assert.Equal(16, ImagePreparations.Prepare(small, 8, 16, how, "x.png")[27]);
    }

    [Fact]
    public void An_object_is_scaled_whole_and_letterboxed_not_cropped_to_its_ink()
    {
        // A 56×28 photo: a bright 8×8 square in the left quarter, the rest dark.
        var photo = Canvas(56, 28, 0, p =>
        {
            for (int y = 10; y < 18; y++) for (int x = 4; x < 12; x++) p[y * 56 + x] = 200;
        });
        var raw = ImagePreparations.Prepare(photo, 28, 255, ImagePreparation.Objects, "wide.png");
        // Scaled by ½ to 28×14 and centred: rows 0-6 and 21-27 are the letterbox.
        Assert.All(Enumerable.Range(0, 28 * 7), i => Assert.Equal(0, raw[i]));
        Assert.All(Enumerable.Range(21 * 28, 7 * 28), i => Assert.Equal(0, raw[i]));
        // The square stays where it was, at the left (x 2-5), with its own brightness: no crop, no stretch.
        Assert.InRange(raw[12 * 28 + 3], 170, 210);
        Assert.Equal(0, raw[12 * 28 + 14]);
        // The digits' rule would have cropped to the square and filled the 20×20 box at full contrast.
        var digit = ImagePreparations.Prepare(photo, 28, 255, ImagePreparation.Digits, "wide.png");
        Assert.Equal(255, digit.Max());
        Assert.True(digit.Count(v => v > 128) > 300, "the digit rule fills its 20×20 box");
    }

    [Fact]
    public void An_object_on_a_light_background_is_inverted_as_the_data_set_has_it()
    {
        var photo = Canvas(28, 28, 255, p =>
        {
            for (int y = 8; y < 20; y++) for (int x = 8; x < 20; x++) p[y * 28 + x] = 55;
        });
        var raw = ImagePreparations.Prepare(photo, 28, 255, ImagePreparation.Objects, "light.png");
        Assert.Equal(0, raw[0]);
        Assert.InRange(raw[14 * 28 + 14], 195, 205);
    }

    [Fact]
    public void A_blank_image_is_refused_by_both_rules()
    {
        var blank = Canvas(40, 40, 255, _ => { });
        foreach (var how in Enum.GetValues<ImagePreparation>())
            Assert.Throws<ImageFormatException>(() => ImagePreparations.Prepare(blank, 28, 255, how, "blank.png"));
    }
}
