using Sweep.Core.Models;

namespace Sweep.Core.Tests.Models;

public class InputNormalisationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(784)]
    public void Widening_in_vectors_gives_the_formula_bit_for_bit(int features)
    {
        var random = new Random(features);
        var raw = new byte[features];
        random.NextBytes(raw);
        if (features > 0) raw[0] = 255;
        var mean = Enumerable.Range(0, features).Select(_ => random.NextSingle()).ToArray();
        var std = Enumerable.Range(0, features).Select(f => f % 5 == 0 ? 0f : random.NextSingle() + 0.1f).ToArray();

        var scaled = InputNormalisation.Scaled(1f / 255);
        var standardised = new InputNormalisation(1f / 255, mean, std);
        var x = new float[features];
        scaled.Apply(x, raw);
        Assert.Equal(raw.Select(r => r * (1f / 255)), x);
        standardised.Apply(x, raw);
        Assert.Equal(raw.Select((r, f) => (r * (1f / 255) - mean[f]) * (std[f] > 1e-6f ? 1f / std[f] : 1f)), x);
    }
}
