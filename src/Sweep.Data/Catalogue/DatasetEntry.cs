namespace Sweep.Data.Catalogue;

public enum DatasetFormat
{
    /// <summary>Four IDX files: train/test images and labels.</summary>
    Idx,
    /// <summary>One CSV of 8×8 digit counts (0..16) with the label last; no official test split.</summary>
    Digits8x8Csv,
}

/// <summary>One file of a known data set. ContentSha256 is of the decompressed bytes, so a re-compressed copy still
/// verifies.</summary>
public sealed record DatasetFile(string Role, string FileName, string ContentSha256);

/// <summary>A data set Sweep knows by name: its files, shape, classes, where to download it and under what
/// licence.</summary>
/// <param name="Preparation">How a user's image is made into one of this data set's (`predict`).</param>
public sealed record DatasetEntry(
    string Name,
    string Description,
    DatasetFormat Format,
    int Side,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<DatasetFile> Files,
    IReadOnlyList<string> Mirrors,
    string Licence,
    Images.ImagePreparation Preparation = Images.ImagePreparation.Digits)
{
    public int Classes => ClassNames.Count;
    public int Features => Side * Side;
    public bool HasOfficialTest => Format == DatasetFormat.Idx;
}
