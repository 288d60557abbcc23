using Sweep.Core.Layers;
using Sweep.Core.Randomness;

namespace Sweep.Core.Models;

/// <summary>A feed-forward network: dense layers in order, and how raw inputs are normalised before the
/// first.</summary>
public sealed class Network
{
    public Network(IReadOnlyList<DenseLayer> layers, InputNormalisation input)
    {
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.");
        for (int l = 1; l < layers.Count; l++)
            if (layers[l].Inputs != layers[l - 1].Outputs)
                throw new ArgumentException(
                    $"Layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs}.");
        Layers = layers;
        Input = input;
    }

    public IReadOnlyList<DenseLayer> Layers { get; }
    public InputNormalisation Input { get; }
    public int InputSize => Layers[0].Inputs;
    public int OutputSize => Layers[^1].Outputs;
    public Activation OutputActivation => Layers[^1].Activation;

    public NetworkArchitecture Architecture =>
        new([InputSize, .. Layers.Select(l => l.Outputs)], Layers.Select(l => l.Activation).ToArray());

    /// <summary>A freshly initialised network; layer l draws from its own stream, so adding a layer never reshuffles
    /// the others.</summary>
    public static Network Create(NetworkArchitecture architecture, WeightInit weightInit, BiasInit biasInit,
        InputNormalisation input, ulong seed)
    {
        architecture.Validate();
        var layers = new DenseLayer[architecture.Activations.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new DenseLayer(architecture.Sizes[l], architecture.Sizes[l + 1], architecture.Activations[l]);
            var random = RandomSource.Derive(seed, $"init/{l}");
            Initialisation.Fill(layers[l].Weights, layers[l].Bias, layers[l].Inputs, layers[l].Outputs, weightInit,
                biasInit, random);
        }
        return new Network(layers, input);
    }
}
