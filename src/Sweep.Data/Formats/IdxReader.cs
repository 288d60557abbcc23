using System.Buffers.Binary;
namespace Sweep.Data.Formats;

/// <summary>
/// IDX files as LeCun distributed MNIST (and Zalando Fashion-MNIST): big-endian header, magic 2051 for images
/// (count, rows, columns) and 2049 for labels (count), then unsigned bytes. gzip-compressed or raw.
/// </summary>
public static class IdxReader
{
    public const int ImagesMagic = 2051, LabelsMagic = 2049;
    private const int MaxSide = 4096;

    public static LabelledImages Read(string imagesPath, string labelsPath, int classes = 10,
        ContentHashes? hashes = null)
    {
        var (pixels, count, rows, columns) = ReadImages(imagesPath, hashes);
        var labels = ReadLabels(labelsPath, hashes);
        if (labels.Length != count)
            throw DataException.InFile(labelsPath,
                $"holds {labels.Length} labels but {imagesPath} holds {count} images;",
                "the two files do not belong together: give the labels of those images.");
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                throw DataException.InFile(labelsPath, $"label {labels[i]} of sample {i} is outside 0..{classes - 1}.",
                    "Is this a label file of a data set with more classes?");
        return new LabelledImages(pixels, labels, rows, columns, classes, 255);
    }

    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path,
        ContentHashes? hashes = null)
    {
        using var stream = DataFile.Open(path, out uint? gzipSize, hashes);
        ExpectMagic(stream, path, ImagesMagic, "image");
        Span<byte> header = stackalloc byte[16];
        ReadExactly(stream, header[4..], path, "the 16-byte image header");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int rows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int columns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (count < 0 || rows <= 0 || columns <= 0 || rows > MaxSide || columns > MaxSide)
            throw DataException.InFile(path, $"impossible header ({count} images of {rows}×{columns}).",
                DataException.FetchAgain);
        long size = (long)count * rows * columns;
        CheckClaim(path, 16 + size, stream, gzipSize);
        var pixels = new byte[size];
        ReadExactly(stream, pixels, path, $"{count} images of {rows}×{columns}");
        ExpectEnd(stream, path);
        return (pixels, count, rows, columns);
    }

    public static byte[] ReadLabels(string path, ContentHashes? hashes = null)
    {
        using var stream = DataFile.Open(path, out uint? gzipSize, hashes);
        ExpectMagic(stream, path, LabelsMagic, "label");
        Span<byte> header = stackalloc byte[8];
        ReadExactly(stream, header[4..], path, "the 8-byte label header");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (count < 0) throw DataException.InFile(path, $"negative label count {count}.", DataException.FetchAgain);
        CheckClaim(path, 8 + (long)count, stream, gzipSize);
        var labels = new byte[count];
        ReadExactly(stream, labels, path, $"{count} labels");
        ExpectEnd(stream, path);
        return labels;
    }

    /// <summary>What the header announces must fit what the file holds, checked before the buffer is allocated: a plain
    /// file's length, or the size a gzip trailer records (a truncated download has a wrong one).</summary>
    private static void CheckClaim(string path, long bytes, Stream stream, uint? gzipSize)
    {
        if (bytes > DataFile.MaxBytes)
            throw DataException.InFile(path,
                $"the header announces {bytes:N0} bytes; a data file here is at most {DataFile.MaxBytes:N0}.",
                "Is this the right file?");
        if (gzipSize is uint recorded && (uint)bytes != recorded)
            throw DataException.InFile(path,
                $"the header announces {bytes:N0} bytes but the gzip file holds {recorded:N0} " +
                "(modulo 4 GiB): it is truncated or damaged.", DataException.FetchAgain);
        if (gzipSize is null && stream.CanSeek && stream.Length != bytes)
            throw DataException.InFile(path,
                $"the header announces {bytes:N0} bytes but the file has {stream.Length:N0}: " +
                "it is truncated or does not match its header.", DataException.FetchAgain);
    }

    /// <summary>The magic comes first and alone, so a swapped or foreign file is named as such before its size
    /// matters.</summary>
    private static void ExpectMagic(Stream stream, string path, int expected, string kind)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(stream, bytes, path, "the 4-byte magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expected)
            throw DataException.InFile(path,
                $"magic number {magic}, expected {expected} for an IDX {kind} file{Hint(magic)}.",
                "Give the data set's IDX files, images and labels in their places.");
    }

    private static string Hint(int magic) => magic switch
    {
        ImagesMagic => " (this is an image file: are the images and labels swapped?)",
        LabelsMagic => " (this is a label file: are the images and labels swapped?)",
        _ => "",
    };


    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = stream.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e) { throw DataException.CorruptGzip(path, e); }
        if (total < buffer.Length)
            throw DataException.InFile(path,
                $"truncated: expected {what} ({buffer.Length} bytes) but the file ends after {total}.",
                DataException.FetchAgain);
    }

    private static void ExpectEnd(Stream stream, string path)
    {
        Span<byte> one = stackalloc byte[1];
        int n;
        try { n = stream.Read(one); }
        catch (InvalidDataException e) { throw DataException.CorruptGzip(path, e); }
        if (n != 0)
            throw DataException.InFile(path,
                "has more bytes than its header announces; the header or the file is wrong.",
                DataException.FetchAgain);
    }
}
