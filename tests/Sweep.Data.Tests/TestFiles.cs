using System.Buffers.Binary;
using System.IO.Compression;

namespace Sweep.Data.Tests;

/// <summary>Writes the data files the tests need, good and broken, into a temporary folder of their own.</summary>
public sealed class TestFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("sweep-data-").FullName;

    public void Dispose() => Directory.Delete(Dir, recursive: true);

    public string Idx(string name, int magic, int[] dims, byte[] payload, bool gzip = false)
    {
        var bytes = new byte[4 + 4 * dims.Length + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        payload.CopyTo(bytes, 4 + 4 * dims.Length);
        return Write(name, bytes, gzip);
    }

    public string Write(string name, byte[] bytes, bool gzip = false)
    {
        string path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!gzip) { File.WriteAllBytes(path, bytes); return path; }
        using var file = File.Create(path);
        using var z = new GZipStream(file, CompressionLevel.Fastest);
        z.Write(bytes);
        return path;
    }

    public string Text(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        throw new InvalidOperationException("No Sweep.sln above the test binaries.");
    }
}

/// <summary>
/// A test on the full real MNIST: it runs where $SWEEP_DATA holds it (CI, developers with ../shared) and reports
/// itself skipped on a fresh clone, so the README's test command passes there too. Under CI it never skips: a CI
/// without the data fails the test (through <see cref="Required"/>) instead of going green without running it.
/// </summary>
public sealed class RealMnistFactAttribute : FactAttribute
{
    public RealMnistFactAttribute()
    {
        if (Folder is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs the real MNIST: set SWEEP_DATA to a folder with mnist/ (CI uses ../shared/datasets)";
    }

    /// <summary>The data folder, or the failure that says CI lacks it.</summary>
    public static string Required => Folder
        ?? throw new InvalidOperationException(
            "CI must set SWEEP_DATA to a folder with the real MNIST (.ci/run uses ../shared/datasets).");

    public static string? Folder =>
        Environment.GetEnvironmentVariable("SWEEP_DATA") is { Length: > 0 } dir
        && File.Exists(Path.Combine(dir, "mnist", "train-images-idx3-ubyte.gz")) ? dir : null;
}
