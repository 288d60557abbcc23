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
        _loaded.GetOrAdd($"idx:{trainImages}|{trainLabels}|{testImages}|{testLabels}", _ => new Lazy<LoadedDataset>(() =>
        {
            var train = IdxReader.Read(trainImages, trainLabels);
            var test = testImages is null || testLabels is null ? null : IdxReader.Read(testImages, testLabels);
            return new LoadedDataset($"{trainImages}, {trainLabels}", train, test, DatasetCatalogue.Mnist.ClassNames, Checksums(trainImages, trainLabels, testImages, testLabels));
        })).Value;

    /// <summary>A CSV of images given by path.</summary>
    public LoadedDataset LoadCsv(string path, CsvImageLayout layout) =>
        _loaded.GetOrAdd($"csv:{path}|{layout}", _ => new Lazy<LoadedDataset>(() =>
            new LoadedDataset(path, CsvImageReader.Read(path, layout), null, DatasetCatalogue.Mnist.ClassNames, Checksums(path)))).Value;

    private LoadedDataset LoadEntry(DatasetEntry entry)
    {
        var paths = Locator.Require(entry);
        var checksums = Checksums([.. paths.Values]);
        foreach (var file in entry.Files)
            if (checksums[paths[file.Role]] != file.ContentSha256)
                throw new DataException($"{paths[file.Role]}: its checksum does not match the catalogue's for {entry.Name}; the file is damaged or a different version. " +
                                        $"Delete it and run: scripts/sweep data fetch {entry.Name}");
        return entry.Format switch
        {
            DatasetFormat.Idx => new LoadedDataset(entry.Name,
                IdxReader.Read(paths["train-images"], paths["train-labels"], entry.Classes),
                IdxReader.Read(paths["test-images"], paths["test-labels"], entry.Classes), entry.ClassNames, checksums),
            DatasetFormat.Digits8x8Csv => new LoadedDataset(entry.Name, CsvImageReader.Read(paths["all"], CsvImageLayout.Digits8x8, entry.Classes), null, entry.ClassNames, checksums),
            _ => throw new InvalidOperationException($"Unknown format {entry.Format}."),
        };
    }

    private static Dictionary<string, string> Checksums(params string?[] paths) =>
        paths.OfType<string>().Distinct().ToDictionary(p => p, DatasetVerifier.ContentSha256);
}
