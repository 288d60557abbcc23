using System.CommandLine;

namespace Sweep.Cli.Commands;

/// <summary>`sweep help [command]`: what `sweep [command] --help` says, where a new user first looks for it.</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var topic =
            new Argument<string?>("command") { Description =
                "The command to explain (run, plan, report, ...); none for the list.",
                Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show how to use Sweep or one of its commands.");
        command.Arguments.Add(topic);
        command.SetAction(parse =>
        {
            string? name = parse.GetValue(topic);
            if (name is not null && !root.Subcommands.Any(c => c.Name == name))
            {
                Console.Error.WriteLine(
                    $"error: there is no command '{name}'. Commands: " +
                    $"{string.Join(", ", root.Subcommands.Select(c => c.Name))}.");
                return ExitCodes.InvalidSweep;
            }
            return root.Parse(name is null ? ["--help"] : [name, "--help"]).Invoke();
        });
        return command;
    }
}
