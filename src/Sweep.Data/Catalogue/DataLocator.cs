namespace Sweep.Data.Catalogue;

/// <summary>
/// Where a named data set's files are: the folder in $SWEEP_DATA, then data/ in the project, each holding
/// &lt;name&gt;/&lt;file&gt;. A file may also sit there decompressed (without its .gz).
/// </summary>
public sealed class DataLocator(IReadOnlyList<string> folders)
{
    public IReadOnlyList<string> Folders { get; } = folders;

    /// <summary>$SWEEP_DATA (if set) then &lt;project&gt;/data.</summary>
    public static DataLocator Default(string projectRoot)
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("SWEEP_DATA") is { Length: > 0 } env) folders.Add(env);
        folders.Add(Path.Combine(projectRoot, "data"));
        return new DataLocator(folders);
    }

    /// <summary>The path of each file by role, or null for a file in none of the folders.</summary>
    public IReadOnlyDictionary<string, string?> Find(DatasetEntry entry) =>
        entry.Files.ToDictionary(f => f.Role, f => Find(entry, f));

    public string? Find(DatasetEntry entry, DatasetFile file)
    {
        foreach (string folder in Folders)
        {
            // SWEEP_DATA may name the data set's own folder (…/mnist) rather than the one holding it.
            string[] places = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)) == entry.Name
                ? [Path.Combine(folder, file.FileName), Path.Combine(folder, entry.Name, file.FileName)]
                : [Path.Combine(folder, entry.Name, file.FileName)];
            foreach (string path in places)
            {
                if (File.Exists(path)) return path;
                if (path.EndsWith(".gz", StringComparison.Ordinal) && File.Exists(path[..^3])) return path[..^3];
            }
        }
        return null;
    }

    /// <summary>All files' paths, or a DataException that says where it looked (and names the data set to
    /// fetch).</summary>
    public IReadOnlyDictionary<string, string> Require(DatasetEntry entry)
    {
        var found = Find(entry);
        var missing = found.Where(kv => kv.Value is null)
            .Select(kv => entry.Files.First(f => f.Role == kv.Key).FileName).ToList();
        if (missing.Count > 0)
            throw DataException.Missing(entry.Name,
                $"data set '{entry.Name}' is not here: missing {string.Join(", ", missing)} " +
                $"(looked in {string.Join(", ", Folders.Select(f => Path.Combine(f, entry.Name)))}).");
        return found.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }
}
