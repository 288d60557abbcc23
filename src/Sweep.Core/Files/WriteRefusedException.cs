using Sweep.Core.Errors;

namespace Sweep.Core.Files;

/// <summary>A path Sweep will not write (<see cref="WriteGuard"/>): it names the path, what it is, and that it was
/// left as it was. Exit 3, like every file problem.</summary>
public sealed class WriteRefusedException : SweepException
{
    private WriteRefusedException(string path, string problem) : base($"{path}: {problem}", ErrorKind.File) =>
        Path = path;

    public string Path { get; }

    public static WriteRefusedException Special(string path) =>
        new(path, "is a device, FIFO or socket, not a file; Sweep writes only regular files and left it as it was. " +
            "Give the path of a new or regular file.");

    public static WriteRefusedException Folder(string path) =>
        new(path, "is a folder; Sweep writes only regular files and left it as it was. Give the path of a file.");

    public static WriteRefusedException Link(string path) =>
        new(path, "is a symbolic link; Sweep never writes through one and left it as it was. Give the path of a " +
            "new or regular file (or remove the link).");

    public static WriteRefusedException LinkInside(string path, string folder) =>
        new(path, $"is a symbolic link inside {folder}; Sweep never writes through a link in a folder it owns, so a " +
            "trial's files cannot land elsewhere. Remove the link (a real folder in its place is fine) and run again.");

    public static WriteRefusedException NotAFolder(string path) =>
        new(path, "is not a folder, but Sweep needs a folder there; nothing was written. Move it away or give " +
            "another path.");
}
