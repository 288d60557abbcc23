using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Serialization;
using Sweep.Data.Images;

namespace Sweep.Harness.Predict;

/// <summary>The class of a user's image and the likeliest classes with their probabilities, best first.</summary>
public sealed record Prediction(string Image, int Digit, IReadOnlyList<(int Digit, double Probability)> Top);

/// <summary>
/// Classifies users' images with a trained model: each image is prepared as the model's data set was (its
/// <see cref="ImagePreparation"/>, from the model file: digits centred by mass, objects letterboxed whole; an image
/// already at the model's size and polarity unchanged) and run through the network with its own input normalisation.
/// </summary>
public sealed class ImageClassifier
{
    private readonly Network _network;
    private readonly int _side;
    private readonly byte _maxPixel;
    private readonly ImagePreparation _preparation;

    /// <exception cref="ModelFormatException">When the model does not take square images.</exception>
    public ImageClassifier(ModelSource source)
    {
        _network = source.Network;
        _preparation = source.Preparation;
        _side = (int)Math.Round(Math.Sqrt(_network.InputSize));
        if (_side * _side != _network.InputSize)
            throw ModelFormatException.Unsuitable(source.ModelPath,
                $"the model takes {_network.InputSize} inputs, which is not a square image;",
                "predict needs a model trained on images (784 for MNIST, 64 for the 8×8 digits).");
        _maxPixel = (byte)Math.Clamp(Math.Round(1 / _network.Input.Scale), 1, 255);
    }

    /// <summary>The classifier of a model file, a trial's folder or a results folder (<see
    /// cref="ModelSource.Resolve"/>).</summary>
    public static ImageClassifier For(string model) => new(ModelSource.Resolve(model));

    /// <summary>The raw input the network sees for an image, in the data set's units (for tests and
    /// inspection).</summary>
    public byte[] Prepare(string imagePath) =>
        ImagePreparations.Prepare(ImageFile.Load(imagePath), _side, _maxPixel, _preparation, imagePath);

    /// <exception cref="ImageFormatException">When the image cannot be read or holds nothing to classify.</exception>
    public Prediction Classify(string imagePath, int top = 3) => Classify(Prepare(imagePath), imagePath, top);

    public Prediction Classify(ReadOnlySpan<byte> raw, string name, int topCount = 3)
    {
        var x = new float[_network.InputSize];
        _network.Input.Apply(x, raw);
        var outputs = Inference.Outputs(_network, x, 1);
        var p = Probabilities(outputs, _network.OutputActivation);
        var top = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ThenBy(i => i).Take(Math.Max(1, topCount))
            .Select(i => (i, p[i])).ToList();
        return new Prediction(name, top[0].i, top);
    }

    /// <summary>Softmax outputs are probabilities already; logits get a softmax; other outputs (sigmoid units
    /// trained with MSE) are normalised to sum to one, which ranks them the same.</summary>
    private static double[] Probabilities(float[] outputs, Activation output)
    {
        if (output == Activation.Identity) SoftmaxCrossEntropy.Softmax(outputs);
        double sum = output == Activation.Softmax || output == Activation.Identity ? 1
            : outputs.Sum(v => Math.Max(0, (double)v));
        return outputs.Select(v => sum > 0 ? Math.Max(0, v) / sum : 0).ToArray();
    }
}
