using System.CommandLine;
using System.Globalization;
using Sweep.Harness.Cluster;
using Sweep.Harness.Run;

namespace Sweep.Cli.Commands;

/// <summary>`sweep status DIR`: how far a sweep has got, state by state, from the results folder (and
/// squeue).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("dir") { Description = "A results folder, e.g. results/quickstart." };
        var command =
            new Command("status",
            "How far a sweep has got, from its results folder alone (and squeue, for a sweep sent to Slurm).");
        command.Arguments.Add(dir);
        command.SetAction(parse =>
        {
            var status = ResultsStatus.Read(parse.GetValue(dir)!);
            var counts = ResultsStatus.Labels.Select(l => (Label: l, N: status.Count(l)))
                .Where(c => c.N > 0 || ResultsStatus.AlwaysCounted.Contains(c.Label));
            Console.WriteLine(
                $"{status.Name}: {status.Trials.Count} trials: " +
                $"{string.Join(", ", counts.Select(c => $"{c.N} {c.Label.Replace('_', ' ')}"))}");
            var open = status.Trials.Where(t => t.NeedsAttention).ToList();
            if (open.Count > 0)
            {
                Console.WriteLine();
                TextTable.Write(Console.Out, ["trial", "state", "epochs", "time left", "detail"],
                    open.Select(t => (IReadOnlyList<string>)
                    [
                        t.Trial, t.Label,
                        t.TotalEpochs is int n ? $"{t.Epochs}/{n}" : t.Epochs.ToString(CultureInfo.InvariantCulture),
                        t.TimeLeft is { } left ? PlainReporter.Duration(left) : "", t.Detail,
                    ]).ToList());
            }
            if (status.Stale.Count > 0)
                Console.WriteLine(
                    $"\n{status.Stale.Count} trial folder{(status.Stale.Count == 1 ? " is" : "s are")} not in the " +
                    "current plan (an earlier version of the sweep), " +
                    $"kept and left out of the counts: {string.Join(", ", status.Stale.Take(10))}" +
                    $"{(status.Stale.Count > 10 ? ", ..." : "")}");
            // Only a sweep sent to Slurm has jobs to ask about; squeue can take seconds to say it has none.
            if (!status.Submitted) return ExitCodes.Ok;
            var queue = Slurm.Queue("sweep-" + status.Name, Slurm.QueueWait);
            if (queue.Jobs.Count > 0)
            {
                Console.WriteLine("\nsqueue (job, state, time, reason):");
                foreach (var line in queue.Jobs) Console.WriteLine("  " + line);
            }
            if (queue.Problem is { } problem)
                Console.WriteLine($"\n{problem}; the counts above are from the results folder alone.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
