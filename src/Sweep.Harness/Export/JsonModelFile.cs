using System.Text.Json;
using Sweep.Core.Files;
using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Data.Images;
using Sweep.Harness.Predict;

namespace Sweep.Harness.Export;

/// <summary>
/// A trained network as readable JSON: the input scaling, then each layer's sizes, activation, weights (one row per
/// input, W[i][o]) and bias, with the same metadata as the ONNX export. Numbers are written in the shortest form that
/// reads back to the same float, so the file loads back to identical predictions.
/// </summary>
public static class JsonModelFile
{
    public const string Format = "sweep-model-json";
    public const int Version = 1;
    private static readonly JsonSerializerOptions Options =
        new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record Input(float Scale, float[]? Mean, float[]? Std);
    private sealed record Layer(int Inputs, int Outputs, string Activation, float[][] Weights, float[] Bias);
    private sealed record Document(string Format, int Version, Input Input, Layer[] Layers, string[] ClassNames,
        string? Dataset, string? Trial, string? Preparation = null);

    public static string Write(Network network, ModelSource source) =>
        JsonSerializer.Serialize(new Document(Format, Version,
        new Input(network.Input.Scale, network.Input.Mean, network.Input.Std),
        network.Layers.Select(l => new Layer(l.Inputs, l.Outputs, l.Activation.Name(),
            Enumerable.Range(0, l.Inputs).Select(i => l.Weights.AsSpan(i * l.Outputs, l.Outputs).ToArray()).ToArray(),
            l.Bias)).ToArray(),
        Enumerable.Range(0, network.OutputSize).Select(source.ClassName).ToArray(), source.Dataset, source.Trial,
        ImagePreparations.Name(source.Preparation)),
        Options) + "\n";

    /// <exception cref="PredictException">Not a Sweep JSON model, or its layers do not fit together.</exception>
    public static Network Read(string path)
    {
        Document? doc;
        try
        {
            doc = JsonSerializer.Deserialize<Document>(BoundedFile.ReadAllText(path, 1L << 30, "a JSON model"),
                Options);
        }
        catch (JsonException e)
        {
            throw PredictException.NotAJsonModel(path, $"not a Sweep JSON model ({e.Message.Split(" Path:")[0]}).");
        }
        if (doc is not { Format: Format, Version: Version })
            throw PredictException.NotAJsonModel(path,
                $"not a Sweep JSON model (format \"{Format}\", version {Version}).");
        var layers = doc.Layers.Select((l, n) =>
        {
            if (!ActivationNames.TryParse(l.Activation, out var activation))
                throw PredictException.NotAJsonModel(path, $"layer {n} has an unknown activation '{l.Activation}'.");
            if (l.Weights.Length != l.Inputs || l.Weights.Any(row => row.Length != l.Outputs)
                || l.Bias.Length != l.Outputs)
                throw PredictException.NotAJsonModel(path,
                    $"layer {n}'s weights are not {l.Inputs}×{l.Outputs} with {l.Outputs} biases.");
            var layer = new DenseLayer(l.Inputs, l.Outputs, activation);
            for (int i = 0; i < l.Inputs; i++) l.Weights[i].CopyTo(layer.Weights, i * l.Outputs);
            l.Bias.CopyTo(layer.Bias, 0);
            return layer;
        }).ToList();
        return new Network(layers, new InputNormalisation(doc.Input.Scale, doc.Input.Mean, doc.Input.Std));
    }
}
