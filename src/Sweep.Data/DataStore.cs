using System.Collections.Concurrent;
using Sweep.Data.Catalogue;
using Sweep.Data.Formats;

namespace Sweep.Data;

/// <summary>
/// Loads each data set once per process and hands every trial the same read-only bytes (MNIST's training images
/// are 47 MB: a copy per trial would multiply that by the number of cores).
/// </summary>
public sealed class DataStore(DataLocator locator)
{
    private readonly ConcurrentDictionary<string, Lazy<LoadedDataset>> _loaded = new();

    public DataLocator Locator { get; } = locator;

    /// <summary>A catalogue data set by name.</summary>
    public LoadedDataset Load(DatasetEntry entry) =>
        _loaded.GetOrAdd("name:" + entry.Name, _ => new Lazy<LoadedDataset>(() => LoadEntry(entry))).Value;

    /// <summary>IDX files given by path: train images and labels, optionally test images and labels.</summary>
    public LoadedDataset LoadIdx(string trainImages, string trainLabels, string? testImages, string? testLabels) =>
        _loaded.GetOrAdd($"idx:{trainImages}|{trainLabels}|{testImages}|{testLabels}",
        _ => new Lazy<LoadedDataset>(() =>
        {
            var hashes = new ContentHashes();
            var (train, test) = ReadIdx(trainImages, trainLabels, testImages, testLabels,
                DatasetCatalogue.Mnist.Classes, hashes);
            return new LoadedDataset($"{trainImages}, {trainLabels}", train, test, DatasetCatalogue.Mnist.ClassNames,
                Checksums(hashes, trainImages, trainLabels, testImages, testLabels));
        })).Value;

    /// <summary>A CSV of images given by path.</summary>
    public LoadedDataset LoadCsv(string path, CsvImageLayout layout) =>
        _loaded.GetOrAdd($"csv:{path}|{layout}", _ => new Lazy<LoadedDataset>(() =>
        {
            var hashes = new ContentHashes();
            var images = CsvImageReader.Read(path, layout, hashes: hashes);
            return new LoadedDataset(path, images, null, DatasetCatalogue.Mnist.ClassNames, Checksums(hashes, path));
        })).Value;

    private LoadedDataset LoadEntry(DatasetEntry entry)
    {
        var paths = Locator.Require(entry);
        var hashes = new ContentHashes();
        LabelledImages train;
        LabelledImages? test = null;
        try
        {
            if (entry.Format == DatasetFormat.Idx)
                (train, test) = ReadIdx(paths["train-images"], paths["train-labels"], paths["test-images"],
                    paths["test-labels"], entry.Classes, hashes);
            else if (entry.Format == DatasetFormat.Digits8x8Csv)
                train = CsvImageReader.Read(paths["all"], CsvImageLayout.Digits8x8, entry.Classes, hashes);
            else
                throw new InvalidOperationException($"Unknown format {entry.Format}.");
        }
        catch (DataException e)
        {
            throw DataException.Damaged(entry.Name, e.Message);
        }
        var checksums = Checksums(hashes, [.. paths.Values]);
        foreach (var file in entry.Files)
            if (checksums[paths[file.Role]] != file.ContentSha256)
                throw DataException.Damaged(entry.Name,
                    $"{paths[file.Role]}: its checksum does not match the catalogue's for " +
                    $"{entry.Name}; the file is damaged or a different version.");
        return new LoadedDataset(entry.Name, train, test, entry.ClassNames, checksums);
    }

    /// <summary>
    /// Training and test files are read on two threads: decompressing the training images is most of a sweep's
    /// start-up, and its cores are idle until the data is in.
    /// </summary>
    private static (LabelledImages Train, LabelledImages? Test) ReadIdx(string trainImages, string trainLabels,
        string? testImages, string? testLabels,
        int classes, ContentHashes hashes)
    {
        var test = testImages is null || testLabels is null ? null
            : Task.Run(() => IdxReader.Read(testImages, testLabels, classes, hashes));
        var train = IdxReader.Read(trainImages, trainLabels, classes, hashes);
        return (train, test?.GetAwaiter().GetResult());
    }

    private static Dictionary<string, string> Checksums(ContentHashes hashes, params string?[] paths) =>
        paths.OfType<string>().Distinct().ToDictionary(p => p, hashes.Of);
}
