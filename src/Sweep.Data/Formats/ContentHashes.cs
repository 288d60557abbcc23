using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Sweep.Data.Formats;

/// <summary>
/// SHA-256 of each file's decompressed bytes, taken as a reader parses the file, so a data set is decompressed
/// once at the start of a sweep rather than once to verify it and again to read it.
/// </summary>
public sealed class ContentHashes
{
    private readonly ConcurrentDictionary<string, string> _complete = new();

    /// <summary>The hash of <paramref name="path"/>'s content; only a file read to its end has one.</summary>
    public string Of(string path) =>
        _complete.TryGetValue(path, out var hash) ? hash
        : throw new InvalidOperationException($"{path} was not read to its end.");

    internal Stream Watch(string path, Stream content) => new HashingStream(content, hash => _complete[path] = hash);

    private sealed class HashingStream(Stream inner, Action<string> complete) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _ended;

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            _hash.AppendData(buffer[..n]);
            if (n == 0 && buffer.Length > 0) _ended = true;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (_ended) complete(Convert.ToHexStringLower(_hash.GetHashAndReset()));
                _hash.Dispose();
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set =>
            throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
