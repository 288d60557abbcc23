using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;
using Sweep.Data;
using Sweep.Data.Splits;

namespace Sweep.Bench;

/// <summary>
/// Seconds per epoch on one thread over 60,000 synthetic MNIST-shaped samples, held as a real trial holds them: pixel
/// bytes shared by the data set, turned into floats batch by batch. Timing depends on the values only where they
/// become subnormal, which real MNIST's dark pixels cause in optimizer state; the optimizers flush that state
/// (Optimizers/Subnormals), so random pixels time the same work.
/// </summary>
internal static class TrainBench
{
    private const int Samples = 60_000;

    private sealed record Case(string Name, int[] Sizes, Activation Hidden, Activation Output, LossKind Loss,
        OptimizerKind Optimizer, float Rate, int Batch);

    private static readonly Case[] Cases =
    [
        new("train 784-128-10 relu adam b32", [784, 128, 10], Activation.Relu, Activation.Softmax,
            LossKind.CrossEntropy, OptimizerKind.Adam, 0.001f, 32),
        new("train 784-128-10 relu adam b128", [784, 128, 10], Activation.Relu, Activation.Softmax,
            LossKind.CrossEntropy, OptimizerKind.Adam, 0.001f, 128),
        new("train 784-256-128-128-10 relu adam b32", [784, 256, 128, 128, 10], Activation.Relu, Activation.Softmax,
            LossKind.CrossEntropy, OptimizerKind.Adam, 0.001f, 32),
        new("train 784-30-10 sigmoid mse sgd b10", [784, 30, 10], Activation.Sigmoid, Activation.Sigmoid,
            LossKind.MeanSquaredError, OptimizerKind.Sgd, 3.0f, 10),
    ];

    public static IEnumerable<BenchFigure> Run(bool quick)
    {
        var data = Synthetic(784, 10, quick ? 12_000 : Samples);
        foreach (var c in Cases)
        {
            var network = Network.Create(NetworkArchitecture.Uniform(c.Sizes, c.Hidden, c.Output), WeightInit.HeNormal,
                BiasInit.Zero, InputNormalisation.Scaled(1f / 255), 1);
            var options = new TrainingOptions
            {
                BatchSize = c.Batch, Loss = c.Loss,
                Optimizer = new OptimizerOptions { Kind = c.Optimizer },
                Schedule = new LearningRateSchedule { BaseRate = c.Rate },
            };
            var trainer = new Trainer(network, options, 1);
            // Warm-up (0.5 s of epochs): the first calls compile every method, fully optimised as in the CLI
            // (Sweep.Bench.csproj turns tiering off), and the data and weights settle into the caches.
            var warm = System.Diagnostics.Stopwatch.StartNew();
            do trainer.TrainEpoch(data); while (warm.Elapsed.TotalSeconds < 0.5);
            double best = double.MaxValue;
            for (int round = 0; round < (quick ? 1 : 3); round++)
                best = Math.Min(best, trainer.TrainEpoch(data).Seconds);
            double perEpoch = best * Samples / data.Count;
            yield return new BenchFigure(c.Name, perEpoch, "s/epoch");
            yield return new BenchFigure(c.Name, Samples / perEpoch, "samples/s");
        }
    }

    private static ImageSampleSource Synthetic(int features, int classes, int count)
    {
        var random = new Random(7);
        var pixels = new byte[count * features];
        random.NextBytes(pixels);
        var labels = new byte[count];
        for (int i = 0; i < count; i++) labels[i] = (byte)random.Next(classes);
        var images = new LabelledImages(pixels, labels, 28, features / 28, classes, 255);
        return new ImageSampleSource(images, Enumerable.Range(0, count).ToArray(), InputNormalisation.Scaled(1f / 255));
    }
}
