using System.Text;

namespace Sweep.Core.Files;

/// <summary>
/// The one way Sweep opens a file it did not just write: the path must name a regular file (a device such as
/// /dev/zero, a FIFO such as /dev/stdin, or a folder is refused before it is opened, since reading one would
/// never end or block forever), and at most a stated number of bytes is read, checked from the size before
/// reading and counted while reading (a file may grow, and gzip content is larger than its file).
/// </summary>
public static class BoundedFile
{
    /// <summary>The whole file, or an error naming it when it is larger than <paramref name="maxBytes"/>.</summary>
    /// <param name="what">What the file should be, for messages: "a sweep file", "an image".</param>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what)
    {
        using var stream = OpenRead(path, maxBytes, what);
        var buffer = new MemoryStream((int)Math.Min(stream.Length, maxBytes));
        try { stream.CopyTo(buffer); }
        catch (IOException e) { throw FileLimitException.Unreadable(path, e); }
        return buffer.ToArray();
    }

    public static string ReadAllText(string path, long maxBytes, string what)
    {
        byte[] bytes = ReadAllBytes(path, maxBytes, what);
        return new UTF8Encoding(false).GetString(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes);
    }

    /// <summary>A stream over a regular file that fails with <see cref="FileLimitException"/> once more than
    /// <paramref name="maxBytes"/> have been read.</summary>
    public static Stream OpenRead(string path, long maxBytes, string what)
    {
        CheckRegular(path, what);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw FileLimitException.NotFound(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw FileLimitException.Unreadable(path, e);
        }
        if (file.Length > maxBytes)
        {
            long size = file.Length;
            file.Dispose();
            throw FileLimitException.TooLarge(path, size, maxBytes, what);
        }
        return new CappedStream(file, maxBytes, path, what);
    }

    /// <summary>Refuses anything but a regular file (symbolic links are followed), before it is opened.</summary>
    public static void CheckRegular(string path, string what)
    {
        switch (FileKinds.Of(path))
        {
            case FileKind.Missing: throw FileLimitException.NotFound(path);
            case FileKind.Directory: throw FileLimitException.Folder(path, what);
            case FileKind.Special: throw FileLimitException.NotRegular(path, what);
        }
    }

    /// <summary>Counts what is read and fails past the cap.</summary>
    private sealed class CappedStream(Stream inner, long maxBytes, string path, string what) : Stream
    {
        private long _read;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer.Length > 0 && maxBytes - _read < buffer.Length
                ? buffer[..(int)Math.Max(1, maxBytes - _read + 1)] : buffer);
            _read += n;
            if (_read > maxBytes) throw FileLimitException.TooLarge(path, _read, maxBytes, what);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set { inner.Position = value; _read = value; } }
        public override void Flush() { }
        public override long Seek(long offset,
            SeekOrigin origin) { long p = inner.Seek(offset, origin); _read = p; return p; }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
