using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

public sealed class TrainingMemoryTests
{
    [Theory]
    [InlineData(32, false, OptimizerKind.Adam)]
    [InlineData(512, true, OptimizerKind.Sgd)]
    [InlineData(16, true, OptimizerKind.Momentum)]
    public void The_estimate_covers_what_a_trainer_allocates(int batch, bool dropout, OptimizerKind optimizer)
    {
        int[] sizes = [784, 300, 100, 10];
        // The trainer's own buffers: the estimate less the copy a checkpoint is written from (counted apart).
        long estimate = TrainingMemory.Estimate(sizes, batch, dropout, optimizer)
            - TrainingMemory.CheckpointBytes(sizes, optimizer);
        Assert.True(TrainingMemory.CheckpointBytes(sizes, optimizer) > 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var network = Network.Create(NetworkArchitecture.Uniform(sizes, Activation.Relu, Activation.Softmax),
            WeightInit.HeNormal, BiasInit.Zero, InputNormalisation.Scaled(1f), 1);
        _ = new Trainer(network,
            new TrainingOptions { BatchSize = batch, Dropout = dropout ? 0.2f : 0,
            Optimizer = new OptimizerOptions { Kind = optimizer } }, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // The estimate counts every buffer the trainer sizes from the shape; the few small objects around them are not.
        Assert.InRange(allocated, estimate * 0.9, estimate * 1.1);
    }

    [Fact]
    public void A_shape_past_64_bits_is_an_overflow_not_a_small_number() =>
        Assert.Throws<OverflowException>(() =>
            TrainingMemory.Estimate([int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue],
            int.MaxValue, true, OptimizerKind.Adam));

    [Fact]
    public void A_layer_whose_weights_overflow_an_int_is_refused_by_the_layer_itself() =>
        Assert.Throws<OverflowException>(() => new DenseLayer(67108865, 64, Activation.Relu));
}
