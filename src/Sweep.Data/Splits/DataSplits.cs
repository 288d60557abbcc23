using Sweep.Core.Models;
using Sweep.Core.Randomness;

namespace Sweep.Data.Splits;

/// <summary>Train, validation (possibly empty) and test sources of one trial, and the normalisation they
/// share.</summary>
public sealed record DataSplits(ImageSampleSource Train, ImageSampleSource Validation, ImageSampleSource Test,
    InputNormalisation Normalisation)
{
    /// <summary>Deterministic from <paramref name="seed"/>: the same seed always puts the same samples in each
    /// split.</summary>
    public static DataSplits Create(LoadedDataset data, SplitOptions options, ulong seed)
    {
        var random = RandomSource.Derive(seed, "split");
        var pool = Enumerable.Range(0, data.Train.Count).ToArray();
        random.Shuffle(pool);

        int[] testIdx;
        LabelledImages testImages;
        if (data.Test is { } official)
        {
            testImages = official;
            testIdx = Enumerable.Range(0, official.Count).ToArray();
        }
        else
        {
            int trainCount = Count(options.Train, pool.Length, "train");
            if (trainCount >= pool.Length)
                throw DataException.Split(
                    $"a training split of {options.Train} leaves no samples for the test split ({pool.Length} " +
                    "samples in all).");
            testImages = data.Train;
            testIdx = pool[trainCount..];
            pool = pool[..trainCount];
        }

        int validationCount = Count(options.Validation, pool.Length, "validation");
        if (validationCount >= pool.Length)
            throw DataException.Split(
                $"a validation split of {options.Validation} leaves no training samples ({pool.Length} in the " +
                "training pool).");
        var validationIdx = pool[..validationCount];
        var trainIdx = pool[validationCount..];
        if (options.Limit is int limit && limit < trainIdx.Length) trainIdx = trainIdx[..limit];
        // Sorted so that a split reads the shared bytes in order; the trainer shuffles every epoch anyway.
        Array.Sort(trainIdx);
        Array.Sort(validationIdx);

        float scale = 1f / data.Train.MaxPixel;
        var normalisation = options.Standardise
            ? InputNormalisation.Standardised(scale, data.Train.Features,
            trainIdx.Select(i => (ReadOnlyMemory<byte>)data.Train.Pixels.AsMemory(i * data.Train.Features,
            data.Train.Features)))
            : InputNormalisation.Scaled(scale);
        return new DataSplits(
            new ImageSampleSource(data.Train, trainIdx, normalisation),
            new ImageSampleSource(data.Train, validationIdx, normalisation),
            new ImageSampleSource(testImages, testIdx, normalisation),
            normalisation);
    }

    private static int Count(double value, int pool, string what) => value switch
    {
        < 0 => throw DataException.Split($"the {what} split must not be negative (got {value})."),
        0 => 0,
        < 1 => (int)Math.Round(value * pool),
        _ => value == Math.Floor(value) ? (int)Math.Min(value, int.MaxValue)
            : throw DataException.Split($"a {what} split of {value}: give a whole count or a fraction below 1."),
    };
}
