using System.CommandLine;
using System.Globalization;
using Sweep.Harness.Cluster;

namespace Sweep.Cli.Commands;

/// <summary>`sweep submit FILE [overrides] --out DIR [...]`: the sweep's pending trials as a Slurm job array.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var args = new SweepArguments();
        var output =
            new Option<string>("--out") { Description = "The results folder, on a filesystem the compute nodes share.",
            Required = true };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time =
            new Option<string?>("--time") { Description =
                "Time limit of each array task, e.g. 2:00:00; tasks get SIGTERM 60 s before it and checkpoint." };
        var cpus =
            new Option<int>("--cpus-per-task") { Description =
                "Cores per array task; its trials run that many at once.", DefaultValueFactory = _ => 1 };
        var maxRunning =
            new Option<int?>("--max-running") { Description = "At most this many array tasks at once (%N)." };
        var perTask = new Option<int>("--trials-per-task") { Description = "Trials per array task.",
            DefaultValueFactory = _ => 1 };
        var bin =
            new Option<string?>("--bin") { Description =
                "Folder of a self-contained sweep build for the nodes (default: <out>/.sweep-bin, published when " +
                "missing or stale)." };
        var dryRun =
            new Option<bool>("--dry-run") { Description = "Show the batch scripts without submitting anything." };
        var command =
            new Command("submit",
            "Submit a sweep's pending trials to Slurm as a job array, and a report job after it.") { output, partition,
            time, cpus, maxRunning, perTask, bin, dryRun };
        args.AddTo(command);
        command.SetAction(parse =>
        {
            var plan = args.ReadPlan(parse);
            if (plan is null) return ExitCodes.InvalidSweep;
            if (parse.GetValue(cpus) < 1 || parse.GetValue(perTask) < 1 || parse.GetValue(maxRunning) is < 1)
            {
                Console.Error.WriteLine(
                    "error: --cpus-per-task, --trials-per-task and --max-running must be at least 1.");
                return ExitCodes.InvalidSweep;
            }
            var options = new SubmitOptions(Path.GetFullPath(parse.GetValue(output)!),
                parse.GetValue(bin) is { } b ? Path.GetFullPath(b) : null,
                parse.GetValue(partition), parse.GetValue(time), parse.GetValue(cpus), parse.GetValue(maxRunning),
                parse.GetValue(perTask));
            var s = SlurmSubmitter.Submit(plan, parse.GetValue(args.Overrides) ?? [], options, ProjectPaths.Root,
                parse.GetValue(dryRun), Console.Error, ProjectPaths.Arguments);
            if (s.Pending == 0)
            {
                Console.WriteLine($"Nothing to submit: all {s.Complete} trials are complete in {options.OutputDir}.");
                return ExitCodes.Ok;
            }
            if (parse.GetValue(dryRun))
            {
                Console.WriteLine(
                    $"# {s.Pending} pending trials ({s.Complete} complete) in {s.Tasks} array tasks. Array script:\n");
                Console.WriteLine(s.ArrayScript);
                Console.WriteLine("# Then, with --dependency=afterany:<array job>:\n");
                Console.WriteLine(s.ReportScript);
                return ExitCodes.Ok;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Submitted array job {s.ArrayJob}: {s.Pending} trials in {s.Tasks} tasks ({s.Complete} already " +
                $"complete); report job {s.ReportJob} runs after it."));
            Console.WriteLine($"Progress: scripts/sweep status {options.OutputDir}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
