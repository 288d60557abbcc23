using System.Buffers.Binary;
using System.IO.Compression;
using Sweep.Core.Files;

namespace Sweep.Data.Formats;

/// <summary>Opening data files the way users have them: gzip recognised by its magic bytes, not its name; through
/// <see cref="BoundedFile"/>, so a device or an oversized file is refused before it is read.</summary>
public static class DataFile
{
    /// <summary>A data file's content is at most this large, compressed or not: 20× MNIST's training images.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The file's content, decompressed; with <paramref name="hashes"/>, hashed as it is read.</summary>
    /// <param name="gzipSize">The decompressed size gzip's trailer records (modulo 2³²), or null for a plain
    /// file.</param>
    public static Stream Open(string path, out uint? gzipSize, ContentHashes? hashes = null)
    {
        Stream file;
        try { file = BoundedFile.OpenRead(path, MaxBytes, "a data file"); }
        catch (FileLimitException e) { throw DataException.Refused(e); }
        Span<byte> magic = stackalloc byte[2];
        int n = file.Read(magic);
        gzipSize = null;
        if (n == 2 && magic[0] == 0x1f && magic[1] == 0x8b && file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            gzipSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }
        file.Position = 0;
        Stream content = gzipSize is not null ? new CappedGzip(new GZipStream(file, CompressionMode.Decompress), path)
            : file;
        return hashes is null ? content : hashes.Watch(path, content);
    }

    public static Stream Open(string path, ContentHashes? hashes = null) => Open(path, out _, hashes);

    /// <summary>Decompressed content past <see cref="MaxBytes"/> is refused (a gzip bomb would otherwise fill
    /// memory).</summary>
    private sealed class CappedGzip(Stream inner, string path) : Stream
    {
        private long _read;
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            if ((_read += n) > MaxBytes)
                throw DataException.InFile(path,
                    $"decompresses to more than {MaxBytes:N0} bytes; a data file here is at most that.",
                    "Is this the right file?");
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
