namespace Sweep.Cli;

/// <summary>Where the project is: $SWEEP_HOME (set by scripts/sweep), else the folder above the binary holding Sweep.sln.</summary>
internal static class ProjectPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("SWEEP_HOME") is { Length: > 0 } home) return home;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
