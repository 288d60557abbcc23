using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Sweep.Core.Errors;
using Sweep.Core.Text;
using Sweep.Data;
using Sweep.Data.Catalogue;
using Spectre.Console;
using Sweep.Cli.Progress;
using Sweep.Harness.Report;
using Sweep.Harness.Run;
using Sweep.Harness.Results;

namespace Sweep.Cli.Commands;

/// <summary>`sweep run FILE [overrides] [--out DIR] [--parallel N] [--trial ID] [--shard i/n] [--no-lending]`.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var args = new SweepArguments();
        var output = new Option<string?>("--out") { Description = "Results folder (default results/<sweep name>)." };
        var parallel =
            new Option<int>("--parallel") { Description =
                "Trials at once, each on one thread (default: the number of cores); a thread with no trial left " +
                "helps a running one.",
                DefaultValueFactory = _ => Environment.ProcessorCount };
        var trial =
            new Option<string?>("--trial") { Description =
                "Run only the trial with this id, or these ids separated by commas (see `sweep plan`)." };
        var noLending =
            new Option<bool>("--no-lending") { Description =
                "A worker with no trial left does not help a running one with its core (for measuring what that " +
                "gains; the numbers are the same either way)." };
        var lean =
            new Option<bool>("--lean") { Description =
                "Keep less per trial, for searches of thousands: a trial that has ended drops its checkpoint, its " +
                "best-epoch weights and test_predictions.csv (its model, metrics, status and tables stay)." };
        var summaryOnly =
            new Option<bool>("--summary-only") { Description =
                "Train nothing: rebuild summary.csv and report.html from the trial folders (what a cluster's last " +
                "job does)." };
        var shard =
            new Option<string?>("--shard") { Description =
                "Run only slice i of n (i/n, 0-based), for several processes sharing one results folder." };
        var progress = new Option<string>("--progress")
        {
            Description =
                "live (a terminal view), plain (a line per finished trial and an overall line with the time left, " +
                "for logs), quiet (the final table only), or auto: live on a terminal, plain in logs and CI.",
            DefaultValueFactory = _ => "auto",
        };
        progress.AcceptOnlyFromAmong("auto", "live", "plain", "quiet");
        var command =
            new Command("run", "Train every trial of a sweep; resumes where an earlier run stopped.") { output,
            parallel, trial, shard, progress, noLending, lean, summaryOnly };
        args.AddTo(command);
        command.SetAction(parse =>
        {
            var plan = args.ReadPlan(parse);
            if (plan is null) return ExitCodes.InvalidSweep;
            int workers = parse.GetValue(parallel);
            if (workers < 1) return Fail("--parallel must be at least 1.");
            // Each worker is a thread with its own buffers: past a few per core they only add memory and switching.
            int cap = MaxWorkersPerCore * Environment.ProcessorCount;
            if (workers > cap)
            {
                Console.Error.WriteLine($"note: --parallel {workers} is more than {MaxWorkersPerCore} × the " +
                    $"{Environment.ProcessorCount} cores here; running {cap} trials at once.");
                workers = cap;
            }
            (int, int)? slice = null;
            if (parse.GetValue(shard) is { } s)
            {
                var parts = s.Split('/');
                if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int i)
                    || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n) || n < 1 || i < 0 || i >= n)
                    return Fail($"--shard '{s}': give i/n with 0 ≤ i < n, e.g. --shard 0/2.");
                slice = (i, n);
            }
            var ids = parse.GetValue(trial)?.Split(',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            // Slurm's array tasks share a folder and each must end when its own trials do; a user's run waits for the
            // rest.
            bool clusterTask = Environment.GetEnvironmentVariable("SLURM_JOB_ID") is not null;
            var options = new RunOptions(parse.GetValue(output) ?? SweepArguments.DefaultResults(plan),
                workers, ids, slice, ProjectPaths.Arguments,
                WaitForOthers: !clusterTask, LendIdleCores: !parse.GetValue(noLending))
                {
                    Lean = parse.GetValue(lean),
                };
            if (parse.GetValue(summaryOnly)) return RebuildSummary(plan, options.OutputDir);
            if (Harness.Plan.PlanChecks.SelectionWarning(plan) is { } warning)
                Console.Error.WriteLine("warning: " + warning);

            using var cancel = new CancellationTokenSource();
            // Ctrl-C or SIGTERM (Slurm's warning before SIGKILL): finish the epoch in progress, checkpoint, stop.
            // A program's trial is stopped at once: only the program knows its epochs' ends.
            string stops = plan.Spec.Program is null
                ? "stopping after the current epoch of each running trial (checkpointed)"
                : "stopping each running trial's program (a rerun goes on through its resume:, or runs it again)";
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, cancel, stops));
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, cancel, stops));

            var store = new DataStore(DataLocator.Default(ProjectPaths.Root));
            string mode = parse.GetValue(progress)!;
            bool live = mode switch { "live" => true, "plain" or "quiet" => false, _ => !Console.IsOutputRedirected
                && Environment.GetEnvironmentVariable("CI") is null };
            var view = live ? new LiveReporter(plan.Spec.Name) : null;
            var reporter = new ReportRefresher(view
                ?? (IRunReporter)new PlainReporter(mode == "quiet" ? TextWriter.Null : Console.Out), options.OutputDir,
                new ReportOptions(), Console.Error);
            SweepOutcome outcome;
            try
            {
                var runner = new SweepRunner(store, reporter);
                outcome = view is null ? runner.Run(plan, options, cancel.Token) : view.Show(AnsiConsole.Console,
                    () => runner.Run(plan, options, cancel.Token));
            }
            catch (DataException e) { return Fail(e.Message); }

            // Once more at the end: a rerun with nothing left to train still gets a page.
            PrintTop(outcome, reporter.Complete());
            if (cancel.IsCancellationRequested)
            {
                Console.Error.WriteLine(
                    "Stopped: running trials were checkpointed. Run the same command again to resume.");
                return ExitCodes.Interrupted;
            }
            var incomplete = outcome.Statuses.Where(st => !st.IsFinal).ToList();
            foreach (var st in incomplete)
                Console.Error.WriteLine(
                    $"trial {st.Trial} {SummaryFile.Snake(st.Status)}: {Printable.Line(st.Reason)}");
            foreach (string id in outcome.RunningElsewhere)
                Console.Error.WriteLine(
                    $"trial {id} not finished: another process holds it. Its result joins summary.csv when that " +
                    "process ends; if none is running, run the sweep again to resume it.");
            return outcome.AllCompleted ? ExitCodes.Ok
                : outcome.FileProblem ? ExitCodes.FileProblem : ExitCodes.TrialsIncomplete;
        });
        return command;
    }

    /// <summary>summary.csv and the page from the trial folders alone: several processes (array tasks) may each have
    /// rebuilt the summary while others were still writing, so the last word is a rebuild after all have
    /// stopped.</summary>
    private static int RebuildSummary(Harness.Plan.SweepPlan plan, string outputDir)
    {
        var layout = new ResultsLayout(outputDir);
        if (!Directory.Exists(layout.TrialsDir))
            return Fail($"{layout.Root} has no trials/ folder: nothing has run there yet.");
        // A model-based search's later batches are in the folder's results, not in the file alone.
        SummaryFile.Rebuild(SearchOutcomes.FromFolder(plan, layout), layout);
        Console.WriteLine(
            $"Summary: {layout.Summary}\nReport:  " +
            $"{ReportBuilder.Build(layout.Root, new ReportOptions(Threads: Environment.ProcessorCount))}");
        return ExitCodes.Ok;
    }

    /// <summary>When the first stop signal came; null before it.</summary>
    private static long? _firstSignal;

    /// <summary>A second signal this soon after the first is the same request arriving twice (`timeout` and a
    /// terminal both signal the process group), not a user pressing Ctrl-C again.</summary>
    private static readonly TimeSpan SameRequest = TimeSpan.FromSeconds(1);

    private static void Stop(PosixSignalContext context, CancellationTokenSource cancel, string stops)
    {
        if (cancel.IsCancellationRequested)
        {
            // Again, later: end the process at once (the default action, not cancelled).
            if (_firstSignal is long first && Stopwatch.GetElapsedTime(first) < SameRequest) context.Cancel = true;
            return;
        }
        _firstSignal = Stopwatch.GetTimestamp();
        context.Cancel = true;
        Console.Error.WriteLine(
            $"{context.Signal}: {stops}; Ctrl-C again stops at once, losing what is in progress...");
        cancel.Cancel();
    }

    /// <summary>The most trials at once per core that --parallel gives.</summary>
    private const int MaxWorkersPerCore = 4;

    /// <summary>How many of the best configurations the closing table lists.</summary>
    private const int TopShown = 5;

    /// <summary>The best configurations (mean over seeds, as the page ranks them) and where the page is.</summary>
    private static void PrintTop(SweepOutcome outcome, string? page)
    {
        try
        {
            var results = SweepResults.Load(outcome.ResultsDir);
            var ranked = Aggregation.ByConfiguration(results).Where(c => c.Score is not null).ToList();
            var top = ranked.Take(TopShown).ToList();
            if (top.Count > 0)
            {
                static string MeanSd(Statistic s) => s.Mean is null ? "-" : s.Sd is double sd
                    ? string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4} ± {sd:F4}")
                    : s.Mean.Value.ToString("F4", CultureInfo.InvariantCulture);
                Console.WriteLine();
                // Ranked by the selection metric (validation); the test accuracy is shown, never used to choose.
                string selectedBy =
                    results.Selection.Name + (results.Selection.OnTest ? " (no validation split)" : "");
                TextTable.Write(Console.Out, ["rank", selectedBy, "test_accuracy", "completed", "configuration"],
                    top.Select(c =>
                        (IReadOnlyList<string>)[c.Rank.ToString(CultureInfo.InvariantCulture), MeanSd(c.Selected),
                        MeanSd(c.TestAccuracy),
                        $"{c.Completed}/{c.Trials.Count}", c.Label]).ToList());
                // Said, so that a configuration missing from the table is not taken for one that never ran.
                if (ranked.Count > top.Count)
                    Console.WriteLine($"(the best {top.Count} of {ranked.Count} configurations; all of them are in " +
                        "aggregate.csv and on the page)");
            }
        }
        catch (SweepException e) { Console.Error.WriteLine("warning: " + e.Message); }
        Console.WriteLine(
            $"\nResults: {outcome.ResultsDir} (summary.csv, aggregate.csv); {outcome.DescribeWorkers()}");
        if (page is not null) Console.WriteLine($"Report:  {page}");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + Printable.Lines(message));
        return ExitCodes.InvalidSweep;
    }
}
