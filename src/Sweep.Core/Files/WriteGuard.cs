using System.Collections.Concurrent;

namespace Sweep.Core.Files;

/// <summary>
/// The one rule for every file Sweep writes (docs/security.md): the target is absent or a regular file, never a
/// device, FIFO, socket, folder or symbolic link, so a write can neither reach what stands behind a special file nor
/// replace it; and inside a folder Sweep owns (a results folder, a comparison's folder) no part of the path below
/// that folder is a symbolic link, so a link planted there cannot send a trial's files elsewhere. The folder itself
/// may be reached through links: where a user keeps results is theirs to choose.
/// </summary>
public static class WriteGuard
{
    private static readonly ConcurrentDictionary<string, byte> Owned = new(StringComparer.Ordinal);

    /// <summary>Declares a folder Sweep owns: from now on, nothing below it is written through a link.</summary>
    public static void Own(string folder) =>
        Owned.TryAdd(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), 0);

    /// <summary>Refuses to write <paramref name="path"/> unless it is absent or a regular file reached without a link
    /// inside a folder Sweep owns.</summary>
    /// <exception cref="WriteRefusedException">The target or a folder on its way is not what Sweep may
    /// write.</exception>
    public static void CheckFile(string path)
    {
        string full = Path.GetFullPath(path);
        CheckBelowOwned(full);
        switch (FileKinds.OfEntry(full))
        {
            case FileKind.Directory: throw WriteRefusedException.Folder(full);
            case FileKind.SymbolicLink: throw WriteRefusedException.Link(full);
            case FileKind.Special: throw WriteRefusedException.Special(full);
        }
    }

    /// <summary>Creates a folder (and its parents) after the same checks: an existing folder on the way inside an
    /// owned folder is a real folder, not a link to one.</summary>
    public static void CreateDirectory(string dir)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));
        CheckBelowOwned(full);
        // A link outside an owned folder (CheckBelowOwned refused one inside) is the user's way to a folder.
        if (FileKinds.Of(full) is FileKind.Regular or FileKind.Special) throw WriteRefusedException.NotAFolder(full);
        Directory.CreateDirectory(full);
    }

    /// <summary>Each existing part of the path strictly below the owned folder that holds it must be no link; the
    /// last part may be missing (it is about to be made).</summary>
    private static void CheckBelowOwned(string full)
    {
        if (OwnerOf(full) is not { } owner) return;
        string below = full[(owner.Length + 1)..];
        string current = owner;
        var parts = below.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (string part in parts)
        {
            current = Path.Combine(current, part);
            switch (FileKinds.OfEntry(current))
            {
                case FileKind.Missing: return;
                case FileKind.SymbolicLink: throw WriteRefusedException.LinkInside(current, owner);
                case FileKind.Special when current != full: throw WriteRefusedException.NotAFolder(current);
                case FileKind.Regular when current != full: throw WriteRefusedException.NotAFolder(current);
            }
        }
    }

    /// <summary>The innermost owned folder that holds the path strictly, or null.</summary>
    private static string? OwnerOf(string full)
    {
        string? best = null;
        foreach (string root in Owned.Keys)
            if (full.Length > root.Length + 1 && full.StartsWith(root, StringComparison.Ordinal)
                && full[root.Length] == Path.DirectorySeparatorChar && (best is null || root.Length > best.Length))
                best = root;
        return best;
    }
}
