using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

/// <summary>
/// Every layer, activation and loss: the trainer's back-propagated gradients against central finite differences
/// of an independent double-precision forward pass.
/// </summary>
public class GradientCheckTests
{
    public static TheoryData<Activation, Activation, LossKind> Networks => new()
    {
        { Activation.Relu, Activation.Softmax, LossKind.CrossEntropy },
        { Activation.LeakyRelu, Activation.Softmax, LossKind.CrossEntropy },
        { Activation.Sigmoid, Activation.Softmax, LossKind.CrossEntropy },
        { Activation.Tanh, Activation.Softmax, LossKind.CrossEntropy },
        { Activation.Identity, Activation.Softmax, LossKind.CrossEntropy },
        { Activation.Sigmoid, Activation.Sigmoid, LossKind.MeanSquaredError },
        { Activation.Tanh, Activation.Identity, LossKind.MeanSquaredError },
        { Activation.Relu, Activation.Tanh, LossKind.MeanSquaredError },
        { Activation.LeakyRelu, Activation.LeakyRelu, LossKind.MeanSquaredError },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backprop_matches_central_differences(Activation hidden, Activation output, LossKind loss)
    {
        int[] sizes = [6, 5, 4, 3];
        var network = Network.Create(NetworkArchitecture.Uniform(sizes, hidden, output), WeightInit.XavierNormal,
            BiasInit.StandardNormal, InputNormalisation.Scaled(1), 11);
        var random = new Random(3);
        int n = 5;
        var x = Enumerable.Range(0, n * sizes[0]).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => random.Next(3)).ToArray();
        var data = new ArraySampleSource(x, y, sizes[0], 3);

        // One batch holding every sample, and a zero learning rate: the weights stay unchanged. A clipping norm that
        // never bites makes the trainer store the whole gradient before it steps, so the gradients can be read.
        var trainer = new Trainer(network, new TrainingOptions
        {
            BatchSize = n, Loss = loss, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd },
                ClipNorm = float.MaxValue,
            Schedule = new LearningRateSchedule { BaseRate = 0f },
        }, 1);
        trainer.TrainEpoch(data);

        var weights = network.Layers.Select(l => l.Weights.Select(v => (double)v).ToArray()).ToArray();
        var biases = network.Layers.Select(l => l.Bias.Select(v => (double)v).ToArray()).ToArray();
        const double h = 1e-6;
        var parameters = trainer.Optimizer.Parameters;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Check(weights[l], parameters[2 * l].Gradient, $"layer {l} weights");
            Check(biases[l], parameters[2 * l + 1].Gradient, $"layer {l} bias");
        }

        void Check(double[] values, float[] analytic, string what)
        {
            for (int i = 0; i < values.Length; i++)
            {
                double saved = values[i];
                values[i] = saved + h;
                double plus = ReferenceMlp.MeanLoss(network, weights, biases, x, y, loss);
                values[i] = saved - h;
                double minus = ReferenceMlp.MeanLoss(network, weights, biases, x, y, loss);
                values[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-4 + 1e-3 * Math.Abs(numeric),
                    $"{what}[{i}]: backprop {analytic[i]}, finite difference {numeric}");
            }
        }
    }
}
