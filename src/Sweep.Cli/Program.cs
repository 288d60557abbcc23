using System.CommandLine;
using Sweep.Cli;
using Sweep.Cli.Commands;
using Sweep.Core.Errors;
using Sweep.Core.Text;

var root = new RootCommand("Sweep: train grids of small neural networks on MNIST-style digits and compare them.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SubmitCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(ReportCommand.Create());
root.Subcommands.Add(CompareCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(DataCommand.Create());
root.Subcommands.Add(HelpCommand.Create(root));
try
{
    var parse = root.Parse(args);
    if (UsageErrors.Of(parse, args) is { Count: > 0 } usage)
    {
        foreach (string line in usage) Console.Error.WriteLine($"error: {Printable.Line(line)}");
        return ExitCodes.Usage;
    }
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (SweepException e)
{
    // A user's mistake or a damaged file: the message says what, where and what to do; no trace.
    Console.Error.WriteLine($"error: {Printable.Lines(e.Message)}");
    return ExitCodes.For(e.Kind);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A full disk, a folder without write permission, a path that is a file: the user's to fix, not a bug to trace.
    Console.Error.WriteLine($"error: {Printable.Lines(e.Message)}");
    Console.Error.WriteLine(
        "Files already written are whole. Fix the cause (space, permissions, another --out) and run the same command " +
        "again: a sweep resumes where it stopped.");
    return ExitCodes.FileProblem;
}
catch (Exception e)
{
    Console.Error.WriteLine(
        $"internal error: a bug in Sweep, not in your input. Please report it with what follows.\n{e}");
    return ExitCodes.InternalError;
}
