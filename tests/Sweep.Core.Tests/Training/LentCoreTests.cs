using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Tensors;
using Sweep.Core.Tests.Tensors;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

/// <summary>A core lent to a trial's first layer: the trial's weights, optimizer state and losses are those of one
/// core, bit for bit. In the instruction-set collection: both cores must tile the product alike.</summary>
[Collection(GemmIsaCollection.Name)]
public class LentCoreTests
{
    public static TheoryData<GemmIsa, string> Cases()
    {
        var cases = new TheoryData<GemmIsa, string>();
        foreach (var isa in new[] { GemmIsa.Vector512, GemmIsa.Vector256 })
            foreach (var net in new[] { "relu-adam", "deep-dropout-adamw", "sigmoid-momentum-ragged" })
                cases.Add(isa, net);
        return cases;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_lent_core_changes_no_bit_of_the_training(GemmIsa isa, string net)
    {
        using var _ = GemmIsaCollection.Use(isa);
        var (sizes, hidden, options) = Setup(net);
        var data = Data(sizes[0], samples: 653);
        var alone = Make(sizes, hidden, options);
        var helped = Make(sizes, hidden, options);
        Assert.True(helped.CanUseLentCore, $"{net}'s first layer should be large enough to share");
        helped.GuardsLending = false; // the timing must not decide whether this test exercises the lent core
        var stop = false;
        var lender = new Thread(() =>
        {
            while (!Volatile.Read(ref stop)) helped.Assist(() => Volatile.Read(ref stop));
        });
        lender.Start();
        try
        {
            for (int epoch = 0; epoch < 3; epoch++)
            {
                var expected = alone.TrainEpoch(data);
                var actual = helped.TrainEpoch(data);
                Assert.Equal(expected.Loss, actual.Loss);
                Assert.Equal(expected.Accuracy, actual.Accuracy);
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            helped.Close();
            lender.Join();
        }
        int batches = 3 * ((653 + options.BatchSize - 1) / options.BatchSize);
        Assert.True(helped.LentBatches >= batches / 2,
            $"the lent core worked on {helped.LentBatches} of {batches} batches");
        for (int l = 0; l < sizes.Length - 1; l++)
        {
            Assert.Equal(alone.Network.Layers[l].Weights, helped.Network.Layers[l].Weights);
            Assert.Equal(alone.Network.Layers[l].Bias, helped.Network.Layers[l].Bias);
        }
        foreach (var (a, b) in alone.Optimizer.State.Zip(helped.Optimizer.State)) Assert.Equal(a, b);
        Assert.Equal(alone.Evaluate(data).Predictions, helped.Evaluate(data).Predictions);
    }

    [Fact]
    public void A_closed_trial_sends_a_waiting_core_back_and_takes_none_after()
    {
        var (sizes, hidden, options) = Setup("relu-adam");
        var trainer = Make(sizes, hidden, options);
        Skip.IfNot(trainer.CanUseLentCore, "this CPU runs the plain GEMM, which is never shared");
        TimeSpan? worked = null;
        var lender = new Thread(() => worked = trainer.Assist());
        lender.Start();
        Thread.Sleep(50);
        trainer.Close();
        Assert.True(lender.Join(TimeSpan.FromSeconds(10)), "the waiting core did not come back");
        Assert.Equal(TimeSpan.Zero, worked);
        Assert.Equal(TimeSpan.Zero, trainer.Assist());
    }

    [Fact]
    public void A_small_first_layer_is_not_shared()
    {
        var options = new TrainingOptions { BatchSize = 10 };
        Assert.False(Make([784, 30, 10], Activation.Sigmoid, options).CanUseLentCore);
        Assert.False(Make([64, 256, 10], Activation.Relu, options with { BatchSize = 256 }).CanUseLentCore);
        Assert.Equal(TimeSpan.Zero, Make([784, 30, 10], Activation.Sigmoid, options).Assist());
    }

    private static (int[] Sizes, Activation Hidden, TrainingOptions Options) Setup(string net) => net switch
    {
        "relu-adam" => ([784, 128, 10], Activation.Relu, new TrainingOptions
        {
            BatchSize = 32, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam },
            Schedule = new LearningRateSchedule { BaseRate = 0.001f },
        }),
        "deep-dropout-adamw" => ([784, 96, 64, 10], Activation.LeakyRelu, new TrainingOptions
        {
            BatchSize = 40, Dropout = 0.2f,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.AdamW, WeightDecay = 0.01f },
            Schedule = new LearningRateSchedule { BaseRate = 0.002f },
        }),
        // 300 inputs split at 144, 47 outputs (a ragged panel), batch 20 (a ragged row block), a ragged last batch,
        // and an activation applied after the product rather than in its epilogue.
        _ => ([300, 47, 10], Activation.Sigmoid, new TrainingOptions
        {
            BatchSize = 100, Optimizer = new OptimizerOptions { Kind = OptimizerKind.Momentum },
            Schedule = new LearningRateSchedule { BaseRate = 0.1f },
        }),
    };

    private static Trainer Make(int[] sizes, Activation hidden, TrainingOptions options) =>
        new(Network.Create(NetworkArchitecture.Uniform(sizes, hidden, Activation.Softmax), WeightInit.HeNormal,
            BiasInit.Zero, InputNormalisation.Scaled(1), 9), options, 9);

    private static ArraySampleSource Data(int features, int samples)
    {
        var random = new Random(3);
        var x = new float[samples * features];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextSingle();
        var labels = Enumerable.Range(0, samples).Select(_ => random.Next(10)).ToArray();
        return new ArraySampleSource(x, labels, features, 10);
    }
}
