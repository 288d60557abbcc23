using System.Collections.Concurrent;
using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Core.Training;

namespace Sweep.Harness.Run;

/// <summary>
/// Compiles a kind of training before a trial's clock starts. Without it the first trial of each kind in a process
/// paid, in its first epoch, for compiling the training code: on the 8×8 digits, whose trials train in a few
/// hundredths of a second, whichever configuration ran first looked several times slower in `train s` and in the
/// chart of accuracy against training time, which is a conclusion the page must not invite. What remains is the
/// runtime's tiering: the first trial's first epoch still runs code not yet recompiled with optimizations
/// (docs/performance.md has both figures).
/// </summary>
internal static class TrainingWarmUp
{
    // One entry per kind of training; a second worker starting the same kind waits for the first's warm-up.
    private static readonly ConcurrentDictionary<string, Lazy<bool>> s_warmed = new();

    /// <summary>
    /// The widest hidden layer and the largest batch the throwaway copy takes. Wider layers and larger batches run
    /// the same methods, so capping them compiles the same code while the copy stays small: a copy of a
    /// 784-4096-4096-10 Adam trial would briefly double the memory of a job sized for the trial.
    /// </summary>
    public const int MaxHidden = 64, MaxBatch = 64;

    /// <summary>Two batches and an evaluation of a throwaway network trained like the trial's (its hidden layers and
    /// batch capped at <see cref="MaxHidden"/> and <see cref="MaxBatch"/>), on the first samples of its training
    /// data: the methods the trial's epochs call are compiled once this returns.</summary>
    public static void Before(NetworkArchitecture architecture, TrainingOptions options, ISampleSource data)
    {
        var sizes = architecture.Sizes
            .Select((size, l) => l == 0 || l == architecture.Sizes.Count - 1 ? size : Math.Min(size, MaxHidden))
            .ToArray();
        var copy = architecture with { Sizes = sizes };
        var copyOptions = options with { BatchSize = Math.Min(options.BatchSize, MaxBatch) };
        string kind = $"{copy} {string.Join(',', copy.Activations)} {copyOptions.Loss} " +
            $"{copyOptions.Optimizer.Kind} batch {copyOptions.BatchSize} dropout {copyOptions.Dropout > 0} " +
            $"clip {copyOptions.ClipNorm is not null}";
        _ = s_warmed.GetOrAdd(kind, _ => new Lazy<bool>(() => Train(copy, copyOptions, data))).Value;
    }

    private static bool Train(NetworkArchitecture architecture, TrainingOptions options, ISampleSource data)
    {
        var network = Network.Create(architecture, WeightInit.HeNormal, BiasInit.Zero,
            InputNormalisation.Scaled(1f), seed: 0);
        var trainer = new Trainer(network, options, seed: 0);
        var first = new FirstSamples(data, Math.Min(data.Count, 2 * options.BatchSize));
        trainer.TrainEpoch(first);
        trainer.Evaluate(first);
        return true;
    }

    /// <summary>The first <paramref name="count"/> samples of a source, read through its own code.</summary>
    private sealed class FirstSamples(ISampleSource inner, int count) : ISampleSource
    {
        public int Count => count;
        public int Features => inner.Features;
        public int Classes => inner.Classes;
        public void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> indices) =>
            inner.Fill(inputs, labels, indices);
        public void Prefetch(ReadOnlySpan<int> indices) => inner.Prefetch(indices);
    }
}
