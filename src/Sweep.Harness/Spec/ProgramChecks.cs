namespace Sweep.Harness.Spec;

/// <summary>
/// What is checked of a `program:` before anything runs: each placeholder names a key of the sweep or a built-in one,
/// halving can train a trial further, and (on the machine that runs it) the program and its folder exist.
/// </summary>
public static class ProgramChecks
{
    /// <summary>The problems of the block itself, against the keys the sweep sets or varies.</summary>
    internal static IEnumerable<SpecProblem> Check(ProgramOptions program, IEnumerable<string> keys,
        HalvingOptions? halving)
    {
        var known = keys.Concat(ProgramOptions.Builtins).ToHashSet(StringComparer.Ordinal);
        var at = program.Source;
        SpecProblem Problem(string key, string message) => new(at.File, at.Line, at.Column, key, message);
        foreach (var (where, argument) in program.Command.Select(a => ("program.command", a))
            .Concat(program.Resume.Select(a => ("program.resume", a)))
            .Concat(program.Environment.Select(kv => ($"program.env.{kv.Key}", kv.Value))))
        {
            List<string>? names = null;
            string? malformed = null;
            try { names = ProgramOptions.Placeholders(argument); }
            catch (FormatException e) { malformed = e.Message; }
            if (names is null) { yield return Problem(where, malformed + "."); continue; }
            foreach (string name in names.Where(n => !known.Contains(n)).Distinct())
                yield return Problem(where,
                    $"'{{{name}}}' names no key of this sweep.{DidYouMean.Suggest(name, known)} A placeholder is a " +
                    $"key that params:, grid:, zip:, variants:, random: or search: sets, or " +
                    $"{string.Join(", ", ProgramOptions.Builtins.Select(b => "{" + b + "}"))}.");
        }
        if (program.Epochs is null && program.TellsEpochs)
            yield return Problem("program.epochs",
                "is required when an argument says {epochs}: the epochs a trial trains in full, e.g.  epochs: 20");
        if (halving is null) yield break;
        if (!program.CanTrainFurther)
            yield return Problem("program",
                "halving stops a trial at a rung and later trains it further: give resume: (the arguments that make " +
                "the program go on from its own checkpoint) or put {epochs} in the command (a promoted trial is then " +
                "run again to the higher epoch count).");
        if (program.Epochs is not int epochs)
            yield return Problem("program.epochs", "is required with halving: the epochs a trial trains in full.");
        else if (halving.Rungs[^1] >= epochs)
            yield return Problem("halving.rungs",
                $"the last rung ({halving.Rungs[^1]}) must be below program.epochs ({epochs}).");
    }

    /// <summary>The folder the program runs in: workdir, relative to the sweep file's folder.</summary>
    public static string WorkingDirectory(ProgramOptions program, string sweepFolder) =>
        Path.GetFullPath(Path.Combine(sweepFolder, program.Workdir ?? "."));

    /// <summary>What is missing on this machine to run the program (its folder, the program itself), or null.</summary>
    public static string? Missing(ProgramOptions program, string sweepFolder)
    {
        string folder = WorkingDirectory(program, sweepFolder);
        if (!Directory.Exists(folder))
            return $"program.workdir: {folder} is not a folder; create it or correct workdir.";
        string name = program.Command[0];
        if (name.Contains('{')) return null; // chosen per trial
        if (name.Contains('/'))
        {
            string path = Path.GetFullPath(Path.Combine(folder, name));
            return File.Exists(path) ? null
                : $"program.command: {name} does not exist (looked for {path}); correct the path.";
        }
        var searched = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':',
            StringSplitOptions.RemoveEmptyEntries);
        return searched.Any(dir => IsExecutable(Path.Combine(dir, name))) ? null
            : $"program.command: {name} is not a program on PATH (searched {string.Join(":", searched)}); install " +
            "it, or give its path.";
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path)
            & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
