using System.Security.Cryptography;
using System.Text;
using Sweep.Core.Files;

namespace Sweep.Core.Serialization;

/// <summary>
/// The integrity mechanism shared by model and checkpoint files: a body that starts with its magic bytes, then a
/// SHA-256 of the body. Written to a stream (the caller makes the write atomic); read whole, and only parsed once the
/// hash proves it complete.
/// </summary>
internal static class HashedFile
{
    private const int HashBytes = 32;

    public static void Write(Stream stream, Action<BinaryWriter> writeBody)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true)) writeBody(w);
        byte[] bytes = body.ToArray();
        stream.Write(bytes);
        stream.Write(SHA256.HashData(bytes));
    }

    /// <summary>The whole file, read through <see cref="BoundedFile"/>: a device, a folder or an oversized file is
    /// refused before its bytes are.</summary>
    public static byte[] ReadAll(string path, long maxBytes, string what)
    {
        try { return BoundedFile.ReadAllBytes(path, maxBytes, what); }
        catch (FileLimitException e) { throw ModelFormatException.Refused(path, e); }
    }

    /// <summary>The verified body (magic included, hash excluded), or an error: wrong kind, or
    /// truncated/damaged.</summary>
    /// <param name="wrongKind">What to say when the magic bytes are not <paramref name="magic"/>, and what to
    /// do.</param>
    /// <param name="remedy">What to do about a truncated or damaged file.</param>
    public static ReadOnlySpan<byte> Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, string path,
        (string Problem, string Remedy) wrongKind, string remedy)
    {
        if (data.Length < magic.Length || !data[..magic.Length].SequenceEqual(magic))
            throw ModelFormatException.Damaged(path, wrongKind.Problem, wrongKind.Remedy);
        if (data.Length < magic.Length + 4 + HashBytes)
            throw ModelFormatException.Damaged(path, "is truncated: too short to hold anything.", remedy);
        var body = data[..^HashBytes];
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(data[^HashBytes..]))
            throw ModelFormatException.Damaged(path, "is truncated or damaged (its checksum does not match).", remedy);
        return body;
    }
}
