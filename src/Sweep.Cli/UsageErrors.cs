using System.CommandLine;
using Sweep.Harness.Spec;

namespace Sweep.Cli;

/// <summary>
/// A command line Sweep cannot run as given: an unknown command or option, a missing argument, a value of the wrong
/// type, an empty argument. Each is one line on stderr, with a did-you-mean where one is near, and exit 2; never
/// the help text in place of the error, never a trace.
/// </summary>
internal static class UsageErrors
{
    /// <summary>The usage errors of <paramref name="args"/> as parsed, one line each; empty when there are
    /// none.</summary>
    public static IReadOnlyList<string> Of(ParseResult parse, IReadOnlyList<string> args)
    {
        // A directive ([suggest:N] for tab completion) is System.CommandLine's to answer, for a line being typed.
        if (args.Count > 0 && args[0].StartsWith('[') && args[0].EndsWith(']')) return [];
        var command = parse.CommandResult.Command;
        string name = command is RootCommand ? "sweep" : $"sweep {command.Name}";
        string help = $"See `{name} --help`.";
        if (args.Any(a => a.Length == 0))
            return [$"an empty argument (''): give a path or a value there. {help}"];
        if (command is RootCommand && (args.Count == 0 || !args[0].StartsWith('-')))
        {
            var commands = command.Subcommands.Select(c => c.Name).ToList();
            string list = $"The commands are {string.Join(", ", commands)}.";
            return [args.Count == 0 ? $"no command given. {list} {help}"
                : $"unknown command '{args[0]}'.{DidYouMean.Suggest(args[0], commands)} {list}"];
        }
        if (UnknownOption(command, args) is { } unknown)
            return [$"unknown option '{unknown}' for {name}." +
                $"{DidYouMean.Suggest(unknown, command.Options.Select(o => o.Name))} {help}"];
        return parse.Errors.Select(e => $"{e.Message.TrimEnd('.')}. {help}").Distinct().ToList();
    }

    /// <summary>The first word that looks like an option but is none of the command's: without this check, run,
    /// plan and validate would take "--parralel" for a key=value override.</summary>
    private static string? UnknownOption(Command command, IReadOnlyList<string> args)
    {
        var known = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        known.UnionWith(["-h", "--help", "-?"]);
        bool valueNext = false;
        foreach (string arg in args)
        {
            if (arg == "--") return null;
            if (valueNext) { valueNext = false; continue; }
            if (arg.Length < 2 || arg[0] != '-' || char.IsAsciiDigit(arg[1]) || arg[1] == '.') continue;
            string option = arg.Split('=', ':')[0];
            if (!known.Contains(option)) return option;
            var match = command.Options.FirstOrDefault(o => o.Name == option || o.Aliases.Contains(option));
            valueNext = option == arg && match is not null && match.ValueType != typeof(bool);
        }
        return null;
    }
}
