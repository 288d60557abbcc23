using System.CommandLine;
using Sweep.Harness.Report;

namespace Sweep.Cli.Commands;

/// <summary>`sweep report DIR [--colour-by KEY]`: rebuild report.html, aggregate.csv and the charts from the files alone.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "A results folder, e.g. results/quickstart." };
        var colourBy = new Option<string?>("--colour-by") { Description = "The varying parameter the learning curves are coloured by (default: the first)." };
        var command = new Command("report", "Rebuild a results folder's report page, aggregate table and charts from its files.") { colourBy };
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            try
            {
                string page = ReportBuilder.Build(parse.GetValue(dir)!, new ReportOptions(parse.GetValue(colourBy)));
                Console.WriteLine($"Report: {page}");
                return ExitCodes.Ok;
            }
            catch (ReportException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return ExitCodes.InvalidSweep;
            }
        });
        return command;
    }
}
