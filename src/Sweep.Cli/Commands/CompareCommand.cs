using System.CommandLine;
using Sweep.Harness.Report;

namespace Sweep.Cli.Commands;

/// <summary>`sweep compare DIR DIR [...] [--out DIR]`: sweeps side by side, the first as the baseline.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var dirs =
            new Argument<string[]>("dirs") { Description = "Two or more results folders; the first is the baseline.",
            Arity = ArgumentArity.OneOrMore };
        var output =
            new Option<string?>("--out") { Description =
                "Where comparison.csv and compare.html go (default results/compare-<first>-<second>...)." };
        var command =
            new Command("compare",
            "Compare two or more sweeps: overlaid charts and a table of differences.") { output };
        command.Arguments.Add(dirs);
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(dirs)!;
            string outDir = parse.GetValue(output)
                ?? Path.Combine(ProjectPaths.Root, "results", "compare-"
                + string.Join('-', folders.Select(f => Path.GetFileName(Path.GetFullPath(f)))));
            var comparison = ComparisonBuilder.Build(folders, outDir);
            if (comparison.Differences.Count > 0)
            {
                Console.Error.WriteLine(
                    "warning: the sweeps differ in more than what they vary; a setting each fixes to its own value " +
                    "is the effect compared (configurations are paired on the others), and configurations differing " +
                    "in any other are not matched:");
                foreach (string d in comparison.Differences) Console.Error.WriteLine("  " + d);
            }
            Console.WriteLine($"Comparison: {comparison.Page}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
