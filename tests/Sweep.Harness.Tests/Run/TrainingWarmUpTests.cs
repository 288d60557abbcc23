using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests.Run;

/// <summary>The warm-up trains a throwaway copy once per kind of training, on the first samples of the trial's own
/// data, and never touches the trial.</summary>
public sealed class TrainingWarmUpTests
{
    /// <summary>Counts which samples were read.</summary>
    private sealed class CountingSource(int count, int features, int classes) : ISampleSource
    {
        public int Count => count;
        public int Features => features;
        public int Classes => classes;
        public int Reads;
        public int HighestIndex = -1;
        public void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> indices)
        {
            Reads += indices.Length;
            foreach (int i in indices) HighestIndex = Math.Max(HighestIndex, i);
            inputs.Fill(0.5f);
            labels.Clear();
        }
    }

    // Odd sizes and a rare batch make a kind of training no other test warms up first.
    private static NetworkArchitecture Architecture(int hidden) =>
        NetworkArchitecture.Uniform([7, hidden, 3], Activation.Tanh, Activation.Softmax);

    private static TrainingOptions Options => new()
    {
        BatchSize = 5, Loss = LossKind.CrossEntropy, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adagrad },
    };

    [Fact]
    public void Each_kind_of_training_is_warmed_once_on_the_first_samples_of_the_trials_data()
    {
        var data = new CountingSource(1000, 7, 3);
        TrainingWarmUp.Before(Architecture(11), Options, data);
        Assert.InRange(data.Reads, 1, 2 * 10); // two batches of 5 and their evaluation, not the 1,000 samples
        Assert.InRange(data.HighestIndex, 0, 2 * 5 - 1);

        int afterFirst = data.Reads;
        TrainingWarmUp.Before(Architecture(11), Options, data);
        Assert.Equal(afterFirst, data.Reads); // the same kind again: already compiled

        TrainingWarmUp.Before(Architecture(13), Options, data);
        Assert.True(data.Reads > afterFirst, "another architecture is another kind of training");
    }

    [Fact]
    public void Wide_layers_and_large_batches_are_warmed_on_a_small_copy()
    {
        var data = new CountingSource(5000, 7, 3);
        var wide = NetworkArchitecture.Uniform([7, 3000, 200, 3], Activation.Relu, Activation.Softmax);
        var options = Options with { BatchSize = 1000 };
        TrainingWarmUp.Before(wide, options, data);
        // Two batches of 64 and their evaluation, not two of 1,000.
        Assert.InRange(data.Reads, 1, 4 * TrainingWarmUp.MaxBatch);
        Assert.InRange(data.HighestIndex, 0, 2 * TrainingWarmUp.MaxBatch - 1);

        int afterFirst = data.Reads;
        var wider = NetworkArchitecture.Uniform([7, 4000, 100, 3], Activation.Relu, Activation.Softmax);
        TrainingWarmUp.Before(wider, options with { BatchSize = 2000 }, data);
        Assert.Equal(afterFirst, data.Reads); // the same small copy: already compiled
    }

    [Fact]
    public void A_trial_trained_after_the_warm_up_has_the_numbers_of_one_trained_without_it()
    {
        var arch = Architecture(17);
        var inputs = Enumerable.Range(0, 40 * 7).Select(i => (float)Math.Sin(i)).ToArray();
        var labels = Enumerable.Range(0, 40).Select(i => i % 3).ToArray();
        var data = new ArraySampleSource(inputs, labels, 7, 3);
        float[] Train()
        {
            var network = Network.Create(arch, WeightInit.HeNormal, BiasInit.Zero, InputNormalisation.Scaled(1f), 9);
            var trainer = new Trainer(network, Options, 9);
            trainer.TrainEpoch(data);
            return network.Layers.SelectMany(l => l.Weights.Concat(l.Bias)).ToArray();
        }
        var before = Train();
        TrainingWarmUp.Before(arch, Options, data);
        Assert.Equal(before, Train());
    }
}
