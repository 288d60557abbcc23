using System.CommandLine;
using Sweep.Data.Catalogue;
using Sweep.Harness.Plan;

namespace Sweep.Cli.Commands;

/// <summary>`sweep validate FILE`: check a sweep file and its expansion; run nothing, write nothing.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var args = new SweepArguments();
        var command =
            new Command("validate", "Check a sweep file (every problem, with line and key) without running it.");
        args.AddTo(command);
        command.SetAction(parse =>
        {
            var plan = args.ReadPlan(parse);
            if (plan is null) return ExitCodes.InvalidSweep;
            int duplicates = plan.Trials.Count(t => t.DuplicateOf is not null);
            var missing = PlanChecks.MissingData(plan, DataLocator.Default(ProjectPaths.Root));
            if (missing.Count > 0)
            {
                Console.Error.WriteLine(
                    $"{parse.GetValue(args.File)}: the file is valid, but its data is missing; nothing can run yet.");
                foreach (string m in missing) Console.Error.WriteLine("  " + m);
                return ExitCodes.InvalidSweep;
            }
            if (PlanChecks.SelectionWarning(plan) is { } warning) Console.Error.WriteLine("warning: " + warning);
            string trials = $"{plan.Trials.Count} trial{(plan.Trials.Count == 1 ? "" : "s")}";
            // A model-based search knows only its start-up before any result: say how many it will try in all.
            if (plan.Search is { } search && search.Proposed < search.Count)
                trials =
                    $"a {search.Method} search of {search.Count} configurations × {plan.Spec.Seeds.Count} seed(s), " +
                         $"{plan.Trials.Count} trials proposed before any result";
            Console.WriteLine($"{parse.GetValue(args.File)}: valid, {trials}" +
                $"{(duplicates > 0 ? $" ({duplicates} duplicate{(duplicates == 1 ? "" : "s")})" : "")}.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
