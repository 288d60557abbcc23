using System.Text.RegularExpressions;

namespace Sweep.Harness.Results;

/// <summary>
/// Temporary files that a killed process left in a results folder (a `kill -9` between writing a file and renaming
/// it into place). Removed when the folder is next run: those of a process of this machine that no longer exists at
/// once, those of another machine (a cluster node) only when an hour old, since that process may still be writing.
/// </summary>
public static partial class StaleFiles
{
    private static readonly TimeSpan ForeignAge = TimeSpan.FromHours(1);

    /// <returns>The files removed.</returns>
    public static IReadOnlyList<string> Remove(ResultsLayout layout)
    {
        var removed = new List<string>();
        if (!Directory.Exists(layout.Root)) return removed;
        // AttributesToSkip = 0: a name starting with a dot counts as hidden, and hidden files are skipped by default.
        foreach (string path in Directory.EnumerateFiles(layout.Root, ".*.tmp",
            new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, AttributesToSkip = 0 }))
        {
            if (!IsStale(Path.GetFileName(path), File.GetLastWriteTimeUtc(path))) continue;
            try { File.Delete(path); removed.Add(path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Whether a temporary name of <see cref="AtomicFile"/> belongs to a writer that cannot be
    /// alive.</summary>
    public static bool IsStale(string name, DateTime writtenUtc)
    {
        var m = TempName().Match(name);
        if (!m.Success) return false;
        bool here = m.Groups["host"].Value == AtomicFile.Host || !m.Groups["host"].Success;
        if (here) return int.TryParse(m.Groups["pid"].Value, out int pid) && pid != Environment.ProcessId
            && !IsAlive(pid);
        return DateTime.UtcNow - writtenUtc > ForeignAge;
    }

    /// <summary>Whether a process of this machine runs: it has a /proc entry and is not a zombie (killed, not yet
    /// reaped by its parent).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int close = stat.LastIndexOf(')');
            return close < 0 || close + 2 >= stat.Length || stat[close + 2] != 'Z';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    // ".{file}.{host}.{pid}.{guid}.tmp", or ".{file}.{pid}.{guid}.tmp" as written before hosts were named.
    [GeneratedRegex(@"^\..+?(\.(?<host>[^.]+))?\.(?<pid>\d+)\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex TempName();
}
