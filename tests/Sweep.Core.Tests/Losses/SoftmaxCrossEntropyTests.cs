using Sweep.Core.Losses;

namespace Sweep.Core.Tests.Losses;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void Huge_logits_give_a_finite_loss_and_gradient()
    {
        float[] logits = [1e4f, -1e4f, 0f, -1e4f, 1e4f, 0f];
        int[] labels = [1, 1];
        var dZ = new float[6];
        double loss = SoftmaxCrossEntropy.Forward(logits, labels, dZ, 2, 3, 0.5f);
        Assert.True(double.IsFinite(loss));
        Assert.Equal(2e4, loss, 1e-6 * 2e4); // sample 0 is wrong by 2e4, sample 1 right
        Assert.All(dZ, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(-0.5f, dZ[1], 1e-6f);
        Assert.Equal(0.5f, dZ[0], 1e-6f);
    }

    [Fact]
    public void Matches_the_definition_on_ordinary_logits()
    {
        float[] logits = [1f, 2f, 3f];
        double loss = SoftmaxCrossEntropy.Forward(logits, [0], [], 1, 3, 1f);
        double expected = -Math.Log(Math.Exp(1) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3)));
        Assert.Equal(expected, loss, 1e-6);
        Assert.Equal(1.0, logits.Sum(), 1e-6); // probabilities in place
    }

    [Fact]
    public void Quadratic_cost_is_half_the_squared_distance_to_the_one_hot_label()
    {
        float[] outputs = [0.5f, 0.25f];
        var dA = new float[2];
        double loss = MeanSquaredError.Forward(outputs, [1], dA, 1, 2, 1f);
        Assert.Equal(0.5 * (0.25 + 0.5625), loss, 1e-9);
        Assert.Equal([0.5f, -0.75f], dA);
    }
}
