using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

public class TrainerTests
{
    private static Trainer Make(int[] sizes, Activation hidden, TrainingOptions options, ulong seed = 5,
        Activation output = Activation.Softmax) =>
        new(Network.Create(NetworkArchitecture.Uniform(sizes, hidden, output), WeightInit.HeNormal, BiasInit.Zero,
        InputNormalisation.Scaled(1), seed), options, seed);

    [Fact]
    public void Learns_xor()
    {
        var data = new ArraySampleSource([0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], 2, 2);
        var trainer = Make([2, 8, 2], Activation.Tanh, new TrainingOptions
        {
            BatchSize = 4, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam },
                Schedule = new LearningRateSchedule { BaseRate = 0.05f },
        });
        double first = trainer.TrainEpoch(data).Loss;
        for (int e = 0; e < 400; e++) trainer.TrainEpoch(data);
        var result = trainer.Evaluate(data);
        Assert.Equal(1.0, result.Accuracy);
        Assert.True(result.Loss < first / 10, $"loss went from {first} to only {result.Loss}");
    }

    [Fact]
    public void Learns_a_few_hundred_digits()
    {
        var (train, test) = ShippedDigits.Load(500, 500);
        var trainer = Make([64, 32, 10], Activation.Relu, new TrainingOptions
        {
            BatchSize = 16, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Momentum },
                Schedule = new LearningRateSchedule { BaseRate = 0.05f },
        });
        var before = trainer.Evaluate(test);
        var losses = Enumerable.Range(0, 15).Select(_ => trainer.TrainEpoch(train).Loss).ToList();
        var after = trainer.Evaluate(test);
        Assert.True(losses[^1] < losses[0] / 3, $"training loss {losses[0]} → {losses[^1]}");
        Assert.True(after.Accuracy > 0.85, $"test accuracy {after.Accuracy} (before training {before.Accuracy})");
        Assert.Equal(500, after.Confusion.Total);
    }

    [Fact]
    public void Nielsen_style_sigmoid_net_learns_with_the_quadratic_cost()
    {
        var (train, test) = ShippedDigits.Load(500, 500);
        var trainer = Make([64, 30, 10], Activation.Sigmoid, new TrainingOptions
        {
            BatchSize = 10, Loss = LossKind.MeanSquaredError,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd },
            Schedule = new LearningRateSchedule { BaseRate = 3f },
        }, output: Activation.Sigmoid);
        for (int e = 0; e < 20; e++) trainer.TrainEpoch(train);
        Assert.True(trainer.Evaluate(test).Accuracy > 0.8);
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights_whatever_else_runs()
    {
        var (train, _) = ShippedDigits.Load(300, 0);
        var options =
            new TrainingOptions { BatchSize = 8, Dropout = 0.2f,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam } };
        float[] Run() { var t = Make([64, 16, 10], Activation.Relu, options, seed: 9); for (int e = 0; e < 3; e++)
            t.TrainEpoch(train); return t.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias)).ToArray(); }

        var alone = Run();
        float[]? together = null;
        float[]? neighbour = null;
        Parallel.Invoke(() => together = Run(), () =>
        {
            var t = Make([64, 16, 10], Activation.Relu, options, seed: 10);
            for (int e = 0; e < 3; e++) t.TrainEpoch(train);
            neighbour = t.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias)).ToArray();
        });
        Assert.Equal(alone, together);
        Assert.NotEqual(alone, neighbour);
    }

    [Theory]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.Momentum)]
    public void Updating_each_layer_as_its_gradient_is_computed_gives_the_weights_of_a_whole_step(OptimizerKind kind)
    {
        // A clipping norm that never bites makes the trainer store the whole gradient and then step; without
        // clipping each layer is updated as the GEMM hands over its gradient. Both must agree to the bit.
        var (train, _) = ShippedDigits.Load(300, 0);
        float[] Run(float? clip)
        {
            var options = new TrainingOptions { BatchSize = 16, Dropout = 0.1f, ClipNorm = clip,
                Optimizer = new OptimizerOptions { Kind = kind, WeightDecay = 1e-4f } };
            var t = Make([64, 24, 16, 10], Activation.Relu, options, seed: 4);
            for (int e = 0; e < 2; e++) t.TrainEpoch(train);
            return t.Network.Layers.SelectMany(l => l.Weights.Concat(l.Bias))
                .Concat(t.Optimizer.State.SelectMany(s => s)).ToArray();
        }
        Assert.Equal(Run(clip: 1e30f), Run(clip: null));
    }

    [Fact]
    public void A_training_batch_allocates_nothing()
    {
        var (train, _) = ShippedDigits.Load(1600, 0);
        var trainer = Make([64, 48, 32, 10], Activation.Relu, new TrainingOptions
        {
            BatchSize = 8, Dropout = 0.1f, ClipNorm = 1f,
                Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam },
        });
        trainer.TrainEpoch(train); // first epoch sizes the scratch buffers
        long before = GC.GetAllocatedBytesForCurrentThread();
        var stats = trainer.TrainEpoch(train); // 200 batches
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1600, stats.Samples);
        // The epoch's result record is the only allocation; one object per batch would be ≥ 200 · 24 bytes.
        Assert.True(allocated < 1024, $"an epoch of 200 batches allocated {allocated} bytes");
    }

    [Fact]
    public void A_diverging_run_is_reported_and_stops_the_epoch()
    {
        var (train, _) = ShippedDigits.Load(400, 0);
        // Linear hidden units cannot die the way ReLUs do, so a huge step has to blow the weights up.
        var trainer = Make([64, 32, 10], Activation.Identity, new TrainingOptions
        {
            BatchSize = 4, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Sgd },
                Schedule = new LearningRateSchedule { BaseRate = 1e12f },
        });
        EpochStats stats = trainer.TrainEpoch(train);
        for (int e = 0; e < 5 && !stats.Diverged; e++) stats = trainer.TrainEpoch(train);
        Assert.True(stats.Diverged);
        Assert.True(stats.Samples <= 400);
    }

    [Fact]
    public void Evaluation_ignores_dropout()
    {
        var (train, test) = ShippedDigits.Load(200, 100);
        var trainer = Make([64, 32, 10], Activation.Relu, new TrainingOptions { Dropout = 0.5f });
        trainer.TrainEpoch(train);
        // The same weights in a trainer without dropout: a mask drawn during evaluation (half the hidden units off,
        // the rest doubled) would move the loss far more than rounding could.
        var plain = new Trainer(trainer.Network, new TrainingOptions(), seed: 5);
        Assert.Equal(plain.Evaluate(test).Loss, trainer.Evaluate(test).Loss);
        Assert.Equal(plain.Evaluate(test).Predictions, trainer.Evaluate(test).Predictions);
    }

    [Fact]
    public void A_loss_that_does_not_fit_the_output_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Make([4, 3], Activation.Relu, new TrainingOptions { Loss = LossKind.CrossEntropy },
            output: Activation.Sigmoid));
        Assert.Contains("softmax", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
