namespace Sweep.Data;

/// <summary>A data set in memory: its training images and, when it has an official one, its test images.</summary>
/// <param name="Source">What was loaded, for the manifest: the catalogue name or the file paths.</param>
/// <param name="Checksums">SHA-256 of each file's content by path, for the manifest.</param>
public sealed record LoadedDataset(string Source, LabelledImages Train, LabelledImages? Test,
    IReadOnlyList<string> ClassNames, IReadOnlyDictionary<string, string> Checksums);
