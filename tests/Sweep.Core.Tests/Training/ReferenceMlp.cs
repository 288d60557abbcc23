using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;

namespace Sweep.Core.Tests.Training;

/// <summary>
/// A textbook forward pass in double precision, written independently of the core's kernels: the function whose
/// central finite differences the core's float gradients must match.
/// </summary>
internal static class ReferenceMlp
{
    /// <summary>Mean loss over the samples, with every parameter read from the network (as doubles).</summary>
    public static double MeanLoss(Network network, double[][] weights, double[][] biases, float[] inputs, int[] labels,
        LossKind loss)
    {
        int n = labels.Length;
        double total = 0;
        for (int s = 0; s < n; s++)
        {
            double[] a = inputs.Skip(s * network.InputSize).Take(network.InputSize).Select(v => (double)v).ToArray();
            for (int l = 0; l < network.Layers.Count; l++)
            {
                var layer = network.Layers[l];
                var z = new double[layer.Outputs];
                for (int o = 0; o < layer.Outputs; o++)
                {
                    double sum = biases[l][o];
                    for (int i = 0; i < layer.Inputs; i++) sum += a[i] * weights[l][i * layer.Outputs + o];
                    z[o] = sum;
                }
                a = layer.Activation == Activation.Softmax ? Softmax(z) : z.Select(v =>
                    ActivationFunctions.Scalar(layer.Activation, v)).ToArray();
            }
            total += loss == LossKind.CrossEntropy
                ? -Math.Log(a[labels[s]])
                : a.Select((v, c) => 0.5 * (v - (c == labels[s] ? 1 : 0)) * (v - (c == labels[s] ? 1 : 0))).Sum();
        }
        return total / n;
    }

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
