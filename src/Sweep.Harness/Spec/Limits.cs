using System.Globalization;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;

namespace Sweep.Harness.Spec;

/// <summary>
/// Everything a sweep may ask for, in one place, checked by `validate` before anything runs (the table in
/// docs/sweep-files.md, "Limits", is this file). Each bound is far past what a study of small networks on
/// MNIST-style digits needs, and small enough that every size below fits checked 64-bit arithmetic, a .NET array,
/// the model format and, with the memory estimate, the machine.
/// </summary>
public static class Limits
{
    /// <summary>Units of one layer, inputs included: 83× MNIST's 784 pixels.</summary>
    public const int MaxWidth = 65_536;
    /// <summary>Dense layers of one network.</summary>
    public const int MaxLayers = 64;
    public const int MaxBatchSize = 65_536;
    /// <summary>Weights of one layer and of one network: 2^26 float32 weights are 256 MiB, four times that with
    /// Adam's state and the gradient; 784-65536-10 fits.</summary>
    public const long MaxLayerWeights = 1L << 26, MaxNetworkWeights = 1L << 26;
    public const int MaxEpochs = 100_000;
    /// <summary>Trials of one plan, seeds included.</summary>
    public const int MaxTrials = 100_000;
    public const int MaxSeeds = 10_000;
    public const int MaxSweepFileBytes = 1 << 20;
    /// <summary>A trial whose estimate is over this share of the memory the runtime may use is refused.</summary>
    public const double MemoryShare = 0.8;

    /// <summary>What this process may allocate: the machine's memory, or a container's or DOTNET_GCHeapHardLimit's
    /// cap.</summary>
    public static long AvailableMemory => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>The problems of one trial's shape, as (key, message); sizes are the whole network's, inputs
    /// first.</summary>
    public static IEnumerable<(string Key, string Message)> CheckNetwork(string sizesKey, IReadOnlyList<int> sizes,
        int batchSize, bool dropout, OptimizerKind optimizer)
    {
        if (sizes.Count - 1 > MaxLayers)
        {
            yield return (sizesKey, $"gives {sizes.Count - 1} layers; a network has at most {MaxLayers}.");
            yield break;
        }
        if (sizes.FirstOrDefault(s => s > MaxWidth) is int wide and > 0)
        {
            yield return (sizesKey, $"has a layer of {wide:N0} units; a layer has at most {MaxWidth:N0}.");
            yield break;
        }
        if (batchSize > MaxBatchSize)
        {
            yield return ("train.batch_size", $"is {batchSize:N0}; a batch has at most {MaxBatchSize:N0} samples.");
            yield break;
        }
        long total = 0;
        for (int l = 0; l + 1 < sizes.Count; l++)
        {
            long weights = (long)sizes[l] * sizes[l + 1];
            total += weights;
            if (weights > MaxLayerWeights)
            {
                yield return (sizesKey,
                    $"layer {l + 1} ({sizes[l]:N0}×{sizes[l + 1]:N0}) has {weights:N0} weights; a layer has at most " +
                    $"{MaxLayerWeights:N0}.");
                yield break;
            }
        }
        if (total > MaxNetworkWeights)
        {
            yield return (sizesKey, $"gives {total:N0} weights; a network has at most {MaxNetworkWeights:N0}.");
            yield break;
        }
        long need = TrainingMemory.Estimate(sizes, batchSize, dropout, optimizer), have = AvailableMemory;
        if (need > have * MemoryShare)
            yield return (sizesKey,
                $"training {string.Join('-', sizes)} with batch size {batchSize} needs about {Mib(need)} of memory; " +
                                   $"this machine lets Sweep use {Mib(have)}, and a trial may take at most " +
                                   $"{MemoryShare:P0} of it. Use fewer units or a smaller batch.");
    }

    private static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"{bytes / (1024.0 * 1024):N0} MiB");
}
