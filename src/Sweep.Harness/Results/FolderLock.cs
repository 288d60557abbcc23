using System.Text;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>
/// A results folder held by the runs working in it, for as long as they run: several processes with the same
/// settings may share it (shards, Slurm array tasks, a second terminal), but a run with other settings is refused
/// while the folder is held, so that neither writes its numbers under the other's plan.
/// </summary>
/// <remarks>
/// <c>.lock</c> names the settings (a hash of effective.yaml) of the runs holding it. Each holder keeps a shared
/// flock on it (released by the kernel when the process dies, kill -9 included). A run that gets the exclusive lock
/// finds no holder, writes its settings, and steps down to a shared lock; it then reads the file again, since another
/// run may have taken the folder in between, and only one set of settings can be there.
/// </remarks>
public sealed class FolderLock : IDisposable
{
    private readonly FileStream _shared;

    private FolderLock(FileStream shared) => _shared = shared;

    public void Dispose() => _shared.Dispose();

    /// <summary>Holds the folder for a run with <paramref name="settings"/>; null when runs with other settings hold
    /// it, with their settings in <paramref name="held"/>.</summary>
    public static FolderLock? TryHold(ResultsLayout layout, string settings, out string held)
    {
        WriteGuard.CheckFile(layout.RunLock);
        for (int attempt = 0; ; attempt++)
        {
            if (TryOpen(layout.RunLock, FileShare.None) is { } alone)
            {
                using (alone)
                {
                    alone.SetLength(0);
                    alone.Write(Encoding.UTF8.GetBytes(settings + "\n"));
                    alone.Flush(flushToDisk: true);
                }
            }
            if (TryOpen(layout.RunLock, FileShare.ReadWrite) is { } shared)
            {
                using var reader = new StreamReader(shared, Encoding.UTF8, false, 256, leaveOpen: true);
                held = reader.ReadLine() ?? "";
                if (held == settings) return new FolderLock(shared);
                shared.Dispose();
                if (held.Length > 0) return null;
            }
            // Between another run's exclusive write and its shared hold: a moment, never long.
            if (attempt == 100) { held = "(unknown)"; return null; }
            Thread.Sleep(20);
        }
    }

    /// <summary>FileShare.None takes flock's exclusive lock, a read-only FileShare.ReadWrite its shared one (.NET on
    /// Unix); null when the other kind is held.</summary>
    private static FileStream? TryOpen(string path, FileShare share)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate,
                share == FileShare.None ? FileAccess.ReadWrite : FileAccess.Read, share);
        }
        catch (IOException) { return null; }
    }
}
