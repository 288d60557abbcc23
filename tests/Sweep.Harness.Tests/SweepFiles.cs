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
