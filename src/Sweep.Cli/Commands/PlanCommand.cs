using System.CommandLine;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Cli.Commands;

/// <summary>`sweep plan FILE`: the trials as a table, duplicates flagged, and which already have results.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var args = new SweepArguments();
        var output =
            new Option<string?>("--out") { Description =
                "Results folder to check for finished trials (default results/<name>)." };
        var command = new Command("plan", "List the trials a sweep file expands to.") { output };
        args.AddTo(command);
        command.SetAction(parse =>
        {
            var plan = args.ReadPlan(parse);
            if (plan is null) return ExitCodes.InvalidSweep;
            var layout = new ResultsLayout(parse.GetValue(output) ?? SweepArguments.DefaultResults(plan));
            plan = SearchOutcomes.FromFolder(plan, layout);
            var header = new List<string> { "#", "trial" };
            header.AddRange(plan.VaryingKeys);
            header.Add("results");
            var statuses = plan.Trials.Select(t => TrialStatus.Load(layout.Trial(t.Id).Status)).ToList();
            var rows = plan.Trials.Select(t =>
            {
                var status = statuses[t.Index];
                string state = t.DuplicateOf is int d ? $"duplicate of #{d}" : status is null ? "-"
                    : SummaryFile.Snake(status.Status);
                return (IReadOnlyList<string>)[t.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    // A search key this trial did not draw (its `when:` did not hold) kept its default: not a value
                    // tried, so not shown as one.
                    t.Id, .. t.Varying.Select(kv => t.NotDrawn?.Contains(kv.Key) == true ? "–" : kv.Value), state];
            }).ToList();
            TextTable.Write(Console.Out, header, rows);
            int done = statuses.Count(s => s?.Status == TrialState.Completed);
            int duplicates = plan.Trials.Count(t => t.DuplicateOf is not null);
            string excluded = plan.Excluded > 0
                ? $", {plan.Excluded} combination{(plan.Excluded == 1 ? "" : "s")} excluded by rules" : "";
            Console.WriteLine(
                $"{plan.Trials.Count} trials ({duplicates} duplicates{excluded}), {done} with results in " +
                $"{layout.Root}");
            if (plan.Search is { } progress)
                Console.WriteLine(
                    $"{progress.Method} search: {progress.Proposed} of {progress.Count} configurations proposed" +
                    (progress.Proposed < progress.Count
                    ? $"; the next batch waits for {progress.WaitingFor} (`run` proposes it)." : "."));
            if (PlanChecks.SelectionWarning(plan) is { } warning) Console.Error.WriteLine("warning: " + warning);
            return ExitCodes.Ok;
        });
        return command;
    }
}
