namespace Sweep.Cli;

/// <summary>Where the project is: $SWEEP_HOME (set by scripts/sweep), else the folder above the binary holding
/// Sweep.sln.</summary>
internal static class ProjectPaths
{
    public static string Root { get; } = Find();

    /// <summary>This invocation's arguments, the command first ("run", FILE, ...), for the results' invocation
    /// log.</summary>
    public static IReadOnlyList<string> Arguments { get; } = Environment.GetCommandLineArgs().Skip(1).ToArray();

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("SWEEP_HOME") is { Length: > 0 } home) return home;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sweep.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
