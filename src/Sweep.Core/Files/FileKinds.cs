using System.Runtime.InteropServices;

namespace Sweep.Core.Files;

/// <summary>What a path names, as stat(2) or lstat(2) sees it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    /// <summary>A device, FIFO or socket: reading one may block or never end, and writing one reaches whatever is
    /// behind it.</summary>
    Special,
}

/// <summary>
/// stat(2) and lstat(2) through .NET's own native shim, whose FileStatus struct is the same on every platform:
/// Flags (int32), then Mode (int32) with the file type in its S_IFMT bits. .NET's FileInfo cannot tell a FIFO or a
/// device from a regular file, which is what a reader and a writer must know before opening.
/// </summary>
public static partial class FileKinds
{
    /// <summary>What the path names once links are followed.</summary>
    public static FileKind Of(string path) => Status(path, followLinks: true);

    /// <summary>What the path itself is: a symbolic link is reported as one, not followed.</summary>
    public static FileKind OfEntry(string path) => Status(path, followLinks: false);

    private static FileKind Status(string path, bool followLinks)
    {
        Span<byte> status = stackalloc byte[256];
        int result;
        try
        {
            result = followLinks ? Stat(path, ref MemoryMarshal.GetReference(status))
                : LStat(path, ref MemoryMarshal.GetReference(status));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            if (!followLinks && new FileInfo(path).LinkTarget is not null) return FileKind.SymbolicLink;
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.Regular
                : FileKind.Missing;
        }
        if (result != 0)
            return File.Exists(path) ? FileKind.Regular : Directory.Exists(path) ? FileKind.Directory
                : FileKind.Missing;
        int mode = MemoryMarshal.Read<int>(status[4..]);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            _ => FileKind.Special,
        };
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref byte status);
}
