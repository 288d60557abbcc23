namespace Sweep.Harness.Tests;

/// <summary>Sweep files written by a test into a temporary folder of its own.</summary>
public sealed class SweepFiles : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("sweep-spec-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    public string Write(string name, string yaml)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, yaml.Replace("\r\n", "\n"));
        return path;
    }

    /// <summary>The smallest useful sweep on the shipped digits, without a name: one epoch of a 64-8-10 net on 400
    /// samples, for tests that run the CLI many times.</summary>
    public const string Tiny = """
        data:
          dataset: digits8x8
          split:
            train: 400
            validation: 0.2
        model:
          hidden: [8]
        train:
          epochs: 1
          batch_size: 32

        """;

    /// <summary>A sweep that cannot finish while a test waits on it (100,000 epochs) but whose epochs are short (a
    /// fraction of a second), for tests that stop or signal a run mid-training: a quick net at a few thousand epochs
    /// finished before a loaded machine delivered the signal.</summary>
    public static readonly string Endless = Digits.Replace("hidden: [16]", "hidden: [256, 256]")
        .Replace("epochs: 4", "epochs: 100000").Replace("batch_size: 16", "batch_size: 2");

    /// <summary>Copies a folder's files, as a user copies a results folder.</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        throw new InvalidOperationException("No Sweep.sln above the test binaries.");
    }

    /// <summary>A random search on <see cref="Digits"/> whose momentum is drawn only for the momentum optimizer (a
    /// `when:` key): append to <see cref="Digits"/>.</summary>
    public const string ConditionalSearch = """
        search:
          method: random
          count: 10
          seed: 3
          optimizer.lr: { loguniform: [0.00001, 0.1] }
          optimizer.name: { choice: [sgd, momentum] }
          optimizer.momentum: { uniform: [0.5, 0.95], when: { optimizer.name: momentum } }

        """;

    /// <summary>A small, fast sweep on the shipped digits; callers append their own grid.</summary>
    public const string Digits = """
        name: digits-test
        data:
          dataset: digits8x8
          split:
            train: 1000
            validation: 0.1
        model:
          hidden: [16]
        train:
          epochs: 4
          batch_size: 16
        optimizer:
          name: adam
          lr: 0.01

        """;
}
