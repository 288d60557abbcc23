using System.CommandLine;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Cli.Commands;

/// <summary>The sweep file and key=value overrides that run, plan and validate all take, read the same way.</summary>
internal sealed class SweepArguments
{
    public Argument<string> File { get; } =
        new("file") { Description = "The sweep file (YAML), e.g. experiments/quickstart.yaml." };

    public Argument<string[]> Overrides { get; } = new("overrides")
    {
        Description = "key=value overrides, e.g. train.epochs=2 optimizer.lr=[0.1,0.01] (a list sweeps over it).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Arguments.Add(Overrides);
    }

    /// <summary>The plan, or null after printing every problem of the file to stderr.</summary>
    public SweepPlan? ReadPlan(ParseResult parse)
    {
        string file = parse.GetValue(File)!;
        try
        {
            var plan = Expansion.Expand(SpecReader.Read(file, parse.GetValue(Overrides) ?? []));
            foreach (string warning in plan.Spec.Warnings) Console.Error.WriteLine("warning: " + warning);
            int duplicates = plan.Trials.Count(t => t.DuplicateOf is not null);
            if (duplicates > 0)
                Console.Error.WriteLine(
                    $"warning: {duplicates} of {plan.Trials.Count} trials are duplicates of others (the same " +
                    "configuration and seed); each runs once.");
            return plan;
        }
        catch (SpecException e)
        {
            Console.Error.WriteLine(
                $"{file}: {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}; nothing was run.");
            foreach (var p in e.Problems) Console.Error.WriteLine("  " + p);
            return null;
        }
    }

    public static string DefaultResults(SweepPlan plan) => Path.Combine(ProjectPaths.Root, "results", plan.Spec.Name);
}
