using Sweep.Core.Layers;

namespace Sweep.Core.Models;

/// <summary>
/// The shape of a multilayer perceptron: Sizes[0] inputs, Sizes[^1] outputs, and one activation per dense layer
/// (Activations.Count = Sizes.Count − 1; the last is the output's, softmax or an element-wise one).
/// </summary>
public sealed record NetworkArchitecture(IReadOnlyList<int> Sizes, IReadOnlyList<Activation> Activations)
{
    /// <summary>Hidden layers share one activation; the output has its own. E.g. ([784,128,10], relu,
    /// softmax).</summary>
    public static NetworkArchitecture Uniform(IReadOnlyList<int> sizes, Activation hidden, Activation output)
    {
        var acts = new Activation[Math.Max(sizes.Count - 1, 0)];
        for (int l = 0; l < acts.Length; l++) acts[l] = l == acts.Length - 1 ? output : hidden;
        return new NetworkArchitecture(sizes, acts);
    }

    public void Validate()
    {
        if (Sizes.Count < 2) throw new ArgumentException("A network needs at least an input size and an output size.");
        if (Activations.Count != Sizes.Count - 1)
            throw new ArgumentException(
                $"{Sizes.Count - 1} layers need {Sizes.Count - 1} activations, got {Activations.Count}.");
        if (Sizes.Any(s => s <= 0)) throw new ArgumentException("Every layer size must be positive.");
        for (int l = 0; l < Activations.Count - 1; l++)
            if (Activations[l] == Activation.Softmax)
                throw new ArgumentException("Softmax can only be the output activation.");
    }

    public override string ToString() => string.Join('-', Sizes);
}
