using System.IO.Compression;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

/// <summary>The 8×8 digits that ship in data/, read plainly: the core's tests must not lean on Sweep.Data.</summary>
internal static class ShippedDigits
{
    public static (ArraySampleSource Train, ArraySampleSource Test) Load(int train, int test)
    {
        string path = Path.Combine(RepositoryRoot(), "data", "digits8x8", "digits.csv.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var rows = new List<int[]>();
        while (reader.ReadLine() is { } line) rows.Add(line.Split(',').Select(int.Parse).ToArray());
        return (Source(rows.Take(train)), Source(rows.Skip(train).Take(test)));
    }

    private static ArraySampleSource Source(IEnumerable<int[]> rows)
    {
        var list = rows.ToList();
        return new ArraySampleSource(list.SelectMany(r => r.Take(64).Select(v => v / 16f)).ToArray(),
            list.Select(r => r[64]).ToArray(), 64, 10);
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (no Sweep.sln above the test binaries).");
    }
}
