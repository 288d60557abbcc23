using Sweep.Core.Layers;
using Sweep.Core.Losses;

namespace Sweep.Core.Models;

/// <summary>Forward passes outside training: what `predict` and the reports use. The layers' own forward pass, as in
/// training.</summary>
public static class Inference
{
    /// <summary>
    /// outputs[n, C] for inputs[n, I] already normalised: probabilities for a softmax output, the activation's
    /// values otherwise.
    /// </summary>
    public static float[] Outputs(Network network, ReadOnlySpan<float> inputs, int n)
    {
        if (inputs.Length != n * network.InputSize)
            throw new ArgumentException(
                $"{n} samples of {network.InputSize} features need {n * network.InputSize} inputs, got " +
                $"{inputs.Length}.");
        float[] current = inputs.ToArray();
        foreach (var layer in network.Layers)
        {
            var next = new float[checked(n * layer.Outputs)];
            layer.Forward(next, current, n);
            if (layer.Activation == Activation.Softmax)
                for (int b = 0; b < n; b++) SoftmaxCrossEntropy.Softmax(next.AsSpan(b * layer.Outputs, layer.Outputs));
            current = next;
        }
        return current;
    }
}
