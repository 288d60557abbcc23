using System.Security.Cryptography;
using System.Text;

namespace Sweep.Core.Serialization;

/// <summary>
/// The integrity mechanism shared by model and checkpoint files: a body that starts with its magic bytes, then a
/// SHA-256 of the body. Written atomically; read whole, and only parsed once the hash proves it complete.
/// </summary>
internal static class HashedFile
{
    private const int HashBytes = 32;

    public static void Write(string path, Action<BinaryWriter> writeBody) => AtomicFile.Write(path, stream => Write(stream, writeBody));

    public static void Write(Stream stream, Action<BinaryWriter> writeBody)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true)) writeBody(w);
        byte[] bytes = body.ToArray();
        stream.Write(bytes);
        stream.Write(SHA256.HashData(bytes));
    }

    public static byte[] ReadAll(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFormatException(path, $"cannot be read ({e.Message}).");
        }
    }

    /// <summary>The verified body (magic included, hash excluded), or an error: wrong kind, or truncated/damaged.</summary>
    /// <param name="wrongKind">What to say when the magic bytes are not <paramref name="magic"/>.</param>
    /// <param name="remedy">What to do about a truncated or damaged file.</param>
    public static ReadOnlySpan<byte> Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, string path, string wrongKind, string remedy)
    {
        if (data.Length < magic.Length || !data[..magic.Length].SequenceEqual(magic)) throw new ModelFormatException(path, wrongKind);
        if (data.Length < magic.Length + 4 + HashBytes) throw new ModelFormatException(path, $"is truncated: too short to hold anything. {remedy}");
        var body = data[..^HashBytes];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(data[^HashBytes..]))
            throw new ModelFormatException(path, $"is truncated or damaged (its checksum does not match). {remedy}");
        return body;
    }
}
