using System.IO.Compression;

namespace Sweep.Data.Formats;

/// <summary>Opening data files the way users have them: gzip recognised by its magic bytes, not its name.</summary>
public static class DataFile
{
    /// <summary>The file's content, decompressed; with <paramref name="hashes"/>, hashed as it is read.</summary>
    public static Stream Open(string path, ContentHashes? hashes = null)
    {
        FileStream file;
        try { file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { throw new DataException($"{path}: file not found."); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new DataException($"{path}: cannot be read ({e.Message})."); }
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        file.Position = 0;
        Stream content = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        return hashes is null ? content : hashes.Watch(path, content);
    }
}
