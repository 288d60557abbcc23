using Sweep.Core.Layers;

namespace Sweep.Core.Tests.Layers;

/// <summary>
/// The dense layer's own math against central finite differences of a double-precision forward pass: its output,
/// the gradient it passes below (through the activation that made its input), and its weights' and bias' gradients.
/// </summary>
public class DenseLayerTests
{
    private const int B = 3, I = 5, O = 4;

    public static TheoryData<Activation> Activations => [Activation.Relu, Activation.LeakyRelu, Activation.Sigmoid,
        Activation.Tanh, Activation.Identity];

    private static float[] Random(int n, int seed, double away = 0)
    {
        var random = new Random(seed);
        // Kept |v| ≥ away so that no finite difference straddles ReLU's kink.
        return Enumerable.Range(0, n)
            .Select(_ =>
                { double v = random.NextDouble() * 2 - 1; return (float)(Math.Sign(v) * (away + Math.Abs(v))); })
                    .ToArray();
    }

    private static DenseLayer Layer(Activation activation)
    {
        var layer = new DenseLayer(I, O, activation);
        Random(I * O, 1).CopyTo(layer.Weights, 0);
        Random(O, 2).CopyTo(layer.Bias, 0);
        return layer;
    }

    /// <summary>z[b,o] = Σ_i x[b,i]·W[i,o] + b[o], in double.</summary>
    private static double Z(DenseLayer layer, Func<int, int, double> x, int b, int o)
    {
        double z = layer.Bias[o];
        for (int i = 0; i < I; i++) z += x(b, i) * layer.Weights[i * O + o];
        return z;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void Forward_is_the_activation_of_x_times_w_plus_b(Activation activation)
    {
        var layer = Layer(activation);
        var x = Random(B * I, 3);
        var y = new float[B * O];
        layer.Forward(y, x, B);
        for (int b = 0; b < B; b++)
            for (int o = 0; o < O; o++)
                Assert.Equal(ActivationFunctions.Scalar(activation, Z(layer, (bb, i) => x[bb * I + i], b, o)),
                    y[b * O + o], 5);
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void The_gradient_passed_below_matches_central_differences_through_the_activation_below(Activation below)
    {
        // x = g(u) is the layer below's output; L = Σ dZ ⊙ (x·W + b). dX must be ∂L/∂u.
        var layer = Layer(Activation.Relu);
        var u = Random(B * I, 4, away: 0.05);
        var dZ = Random(B * O, 5);
        var x = u.Select(v => (float)ActivationFunctions.Scalar(below, v)).ToArray();
        var dX = new float[B * I];
        layer.BackwardInput(dX, dZ, x, below, B);

        double Loss(double[] uu)
        {
            double sum = 0;
            for (int b = 0; b < B; b++)
                for (int o = 0; o < O; o++)
                    sum += dZ[b * O + o] * Z(layer, (bb, i) => ActivationFunctions.Scalar(below, uu[bb * I + i]), b, o);
            return sum;
        }
        const double h = 1e-6;
        for (int k = 0; k < u.Length; k++)
        {
            double[] plus = u.Select(v => (double)v).ToArray(), minus = (double[])plus.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Loss(plus) - Loss(minus)) / (2 * h);
            Assert.True(Math.Abs(numeric - dX[k]) <= 1e-4 + 1e-3 * Math.Abs(numeric),
                $"dX[{k}]: analytic {dX[k]}, numeric {numeric} ({below})");
        }
    }

    [Fact]
    public void The_weight_and_bias_gradients_match_central_differences()
    {
        var layer = Layer(Activation.Sigmoid);
        var x = Random(B * I, 6);
        var dZ = Random(B * O, 7);
        var dW = new float[I * O];
        var dB = new float[O];
        layer.WeightGradient(dW, x, dZ, B);
        layer.BiasGradient(dB, dZ, B);

        double Loss()
        {
            double sum = 0;
            for (int b = 0; b < B; b++)
                for (int o = 0; o < O; o++) sum += dZ[b * O + o] * Z(layer, (bb, i) => x[bb * I + i], b, o);
            return sum;
        }
        const float h = 1e-2f; // the loss is linear in W and b, so a large step loses nothing and float keeps it exact
        void Check(float[] parameters, float[] analytic, string what)
        {
            for (int k = 0; k < parameters.Length; k++)
            {
                float saved = parameters[k];
                parameters[k] = saved + h;
                double plus = Loss();
                parameters[k] = saved - h;
                double minus = Loss();
                parameters[k] = saved;
                double numeric = (plus - minus) / (2.0 * h);
                Assert.True(Math.Abs(numeric - analytic[k]) <= 1e-3,
                    $"{what}[{k}]: analytic {analytic[k]}, numeric {numeric}");
            }
        }
        Check(layer.Weights, dW, "dW");
        Check(layer.Bias, dB, "dB");
    }
}
