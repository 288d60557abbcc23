using System.Security.Cryptography;
using Sweep.Data.Formats;

namespace Sweep.Data.Catalogue;

/// <summary>SHA-256 of a data file's content (decompressed when gzip), to compare with the catalogue.</summary>
public static class DatasetVerifier
{
    public static string ContentSha256(string path)
    {
        using var stream = DataFile.Open(path);
        try { return Convert.ToHexStringLower(SHA256.HashData(stream)); }
        catch (InvalidDataException e) { throw DataException.CorruptGzip(path, e); }
    }

    /// <summary>Null when the file matches, else what is wrong with it.</summary>
    public static string? Problem(DatasetFile file, string path)
    {
        try
        {
            string actual = ContentSha256(path);
            return actual == file.ContentSha256 ? null
                : $"{path}: checksum {actual[..12]}… does not match the catalogue's {file.ContentSha256[..12]}…";
        }
        catch (DataException e) { return e.Message; }
    }
}
