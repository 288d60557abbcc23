using System.CommandLine;
using Sweep.Harness.Report;
using Sweep.Harness.Results;

namespace Sweep.Cli.Commands;

/// <summary>`sweep report DIR [--colour-by KEY]`: rebuild report.html, aggregate.csv and the charts from the files
/// alone.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "A results folder, e.g. results/quickstart." };
        var colourBy =
            new Option<string?>("--colour-by") { Description =
                "The varying parameter the learning curves are coloured by (default: the first)." };
        var output =
            new Option<string?>("--out") { Description =
                "Write the page, aggregate.csv and charts here instead (e.g. for a read-only results folder)." };
        var command =
            new Command("report",
            "Rebuild a results folder's report page, aggregate table and charts from its files.") { colourBy, output };
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            var results = new ResultsLayout(parse.GetValue(dir)!);
            string? outDir = parse.GetValue(output);
            // The log goes with the page: into the results folder, or beside the page written elsewhere.
            var logged = new ResultsLayout(outDir ?? results.Root);
            var invocation = Invocation.Start("report", ProjectPaths.Arguments, [], null,
                outDir is null ? null : $"page written to {logged.Root}");
            string page = ReportBuilder.Build(results.Root,
                new ReportOptions(parse.GetValue(colourBy), OutputDir: outDir, Threads: Environment.ProcessorCount));
            InvocationLog.Append(logged, invocation);
            InvocationLog.Append(logged, invocation.End("report.html written"));
            Console.WriteLine($"Report: {page}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
