using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>
/// Writes a file so that a reader sees either the old version or the whole new one, never half: the bytes go to a
/// temporary name in the same folder, are flushed to disk, and the file is renamed into place. The target is checked
/// first by <see cref="WriteGuard"/>: a device, FIFO, folder or link there is refused and left as it was.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        WriteGuard.CreateDirectory(dir);
        WriteGuard.CheckFile(full);
        string temp = Path.Combine(dir, TempName(Path.GetFileName(full)));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>This machine's name as it appears in temporary names (no dots, which separate the parts).</summary>
    public static string Host { get; } = Environment.MachineName.Replace('.', '_');

    /// <summary>".{name}.{host}.{pid}.{guid}.tmp": host and process id say whether the writer can still be alive, so
    /// that a later run removes only what a dead process left (<c>StaleFiles</c> in the harness).</summary>
    public static string TempName(string fileName) =>
        $".{fileName}.{Host}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    public static void WriteAllText(string path, string text) =>
        Write(path,
        s =>
            { using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false),
                leaveOpen: true); w.Write(text); });
}
