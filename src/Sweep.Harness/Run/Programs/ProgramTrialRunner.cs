using System.Diagnostics;
using System.Globalization;
using Sweep.Core.Files;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run.Programs;

/// <summary>
/// A trial that is a run of the user's program: its command with the trial's values in the placeholders, started
/// without a shell; each JSON line it prints is an epoch, written to metrics.csv as it comes. The trial's status
/// follows the program: exit 0 having reported an epoch is completed; another exit (or a signal) failed, with the
/// tail of its standard error; over program.time_limit timed out; a NaN or exploding loss diverged. A trial run
/// again after an interruption starts over, or goes on through resume: when the program has one.
/// </summary>
internal sealed class ProgramTrialRunner(ProgramOptions program, string sweepFolder, IRunReporter reporter)
    : ITrialRunner
{
    /// <summary>A loss this many times its first epoch's has exploded.</summary>
    private const double ExplosionFactor = 1000;

    private readonly string _workingDirectory = ProgramChecks.WorkingDirectory(program, sweepFolder);

    public RunningTrainers? Running => null;

    public TrialStatus? Run(TrialPlan trial, TrialFolder folder, CancellationToken cancel, int? pauseAfter,
        bool promoted)
    {
        try { return RunProgram(trial, folder, cancel, pauseAfter, promoted); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException
            or UnauthorizedAccessException or Sweep.Core.Errors.SweepException)
        {
            bool file = e is not System.ComponentModel.Win32Exception;
            string reason = e is Sweep.Core.Errors.SweepException ? e.Message : file
                ? $"its files could not be written in {folder.Dir} ({e.Message}); free space or fix the permissions " +
                "and run again"
                : $"{program.Command[0]} could not be started ({e.Message}); check program.command and workdir";
            return Save(folder, Status(trial, MetricsFile.Read(folder.Metrics), null, TrialState.Failed, reason,
                file ? TrialStatus.FileProblem : "error"));
        }
    }

    /// <summary>Halving cut the trial where it paused: its last reported epoch is its result.</summary>
    public TrialStatus Prune(TrialPlan trial, TrialFolder folder, string why) =>
        Save(folder, Status(trial, MetricsFile.Read(folder.Metrics), null, TrialState.Pruned, "", why));

    private TrialStatus? RunProgram(TrialPlan trial, TrialFolder folder, CancellationToken cancel, int? pauseAfter,
        bool promoted)
    {
        var rows = MetricsFile.Read(folder.Metrics);
        bool resuming = rows.Count > 0 && program.Resume.Count > 0;
        if (!resuming && rows.Count > 0)
        {
            // No way to go on: the program starts over, and its earlier epochs are not this run's.
            rows.Clear();
            File.Delete(folder.Metrics);
        }
        int? target = pauseAfter ?? program.Epochs;
        if (resuming && target is int reached && rows[^1].Epoch >= reached)
            return pauseAfter is null ? Save(folder, Status(trial, rows, null, TrialState.Completed, "",
                "completed all epochs")) : null;
        reporter.TrialStarted(trial, rows.Count == 0 ? 0 : rows[^1].Epoch, promoted && rows.Count > 0);

        var arguments = (resuming ? program.Command.Concat(program.Resume) : program.Command)
            .Select(a => ProgramOptions.Expand(a, name => Value(trial, folder, name, target))).ToList();
        var environment = program.Environment.ToDictionary(kv => kv.Key,
            kv => ProgramOptions.Expand(kv.Value, name => Value(trial, folder, name, target)));
        environment["SWEEP_TRIAL_ID"] = trial.Id;
        environment["SWEEP_TRIAL_DIR"] = folder.Dir;
        environment["SWEEP_SEED"] = trial.Seed.ToString(CultureInfo.InvariantCulture);
        // Python buffers a pipe's output in blocks: its epochs would arrive at its end, not as they finish.
        environment.TryAdd("PYTHONUNBUFFERED", "1");

        string banner = $"[sweep] {DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {(resuming ? "resuming" : "starting")}: " +
            string.Join(' ', arguments.Select(Shown));
        using var run = ProgramProcess.Start(arguments, _workingDirectory, environment, folder, banner);
        var watch = new RunWatch(run, program.TimeLimitSeconds, cancel);
        var outcome = Follow(trial, folder, run, rows, pauseAfter, watch);
        int exit = run.WaitForExit();
        watch.Dispose();
        if (outcome is { } ended) return Save(folder, Status(trial, rows, null, ended.State, ended.Reason,
            ended.StopReason));
        if (cancel.IsCancellationRequested)
            return Save(folder, Status(trial, rows, null, TrialState.Interrupted,
                "interrupted; run the sweep again to resume", $"interrupted after epoch {LastEpoch(rows)}"));
        if (watch.TimedOut)
            return Save(folder, Status(trial, rows, null, TrialState.TimedOut,
                $"over its time limit of {program.TimeLimitSeconds:0.#} s after epoch {LastEpoch(rows)}",
                "time limit"));
        if (pauseAfter is int rung && LastEpoch(rows) >= rung && (exit == 0 || watch.StoppedAtRung)) return null;
        if (exit != 0)
            return Save(folder, Status(trial, rows, null, TrialState.Failed, ExitReason(exit, run.ErrorTail), "error"));
        if (rows.Count == 0)
            return Save(folder, Status(trial, rows, null, TrialState.Failed,
                "the program exited 0 without reporting an epoch: print one JSON object a line, e.g. " +
                "{\"epoch\": 1, \"val_accuracy\": 0.9} (stdout.log has what it printed)", "error"));
        return Save(folder, Status(trial, rows, watch.Test, TrialState.Completed, "", "completed all epochs"));
    }

    /// <summary>Reads the program's output to its end, writing each epoch it reports; stops it early when it
    /// diverges, reports too many epochs, or reaches the rung it was to pause at without being told {epochs}.</summary>
    /// <returns>How the trial ended when Sweep decided it; null when the program's exit decides.</returns>
    private Ended? Follow(TrialPlan trial, TrialFolder folder, ProgramProcess run, List<EpochRow> rows,
        int? pauseAfter, RunWatch watch)
    {
        var clock = Stopwatch.StartNew();
        var firstLoss = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var row in rows)
            foreach (var (name, value) in new[] { ("train_loss", row.TrainLoss), ("val_loss", row.ValidationLoss) })
                if (value is double v && !firstLoss.ContainsKey(name)) firstLoss[name] = v;
        Ended? ended = null;
        while (run.ReadLine() is { } line)
        {
            if (ended is not null) continue; // stopped: read what is left
            var epoch = ProgramLine.Parse(line, out string? note);
            if (note is not null) run.Note(note);
            if (epoch is null) continue;
            if (rows.Count > 0 && epoch.Epoch <= rows[^1].Epoch)
            {
                run.Note($"epoch {epoch.Epoch} again (after epoch {rows[^1].Epoch}); left out");
                continue;
            }
            if (epoch.Epoch > Limits.MaxEpochs)
            {
                ended = new(TrialState.Failed, $"the program reported epoch {epoch.Epoch:N0}; a trial has at most " +
                    $"{Limits.MaxEpochs:N0}", "error");
                run.Kill();
                continue;
            }
            if (Divergence(epoch, firstLoss) is { } why)
            {
                // As with Sweep's own trials, the epoch that blew up is the reason, not a row.
                ended = new(TrialState.Diverged, why, "diverged");
                run.Kill();
                continue;
            }
            double seconds = epoch["seconds"] ?? clock.Elapsed.TotalSeconds;
            clock.Restart();
            // Only numbers a table, a chart and JSON can hold: an infinite accuracy is no accuracy.
            double? Finite(string name) => epoch[name] is double v && double.IsFinite(v) ? v : null;
            var extra = epoch.Metrics.Where(m => !ProgramLine.Known.Contains(m.Key) && double.IsFinite(m.Value))
                .ToDictionary(m => m.Key, m => m.Value);
            var row = new EpochRow(epoch.Epoch, Finite("train_loss"), Finite("train_accuracy"), Finite("val_loss"),
                Finite("val_accuracy"), Finite("learning_rate"), seconds) { Extra = extra.Count > 0 ? extra : null };
            rows.Add(row);
            MetricsFile.Write(folder.Metrics, rows);
            if (Finite("test_accuracy") is not null || Finite("test_loss") is not null)
                watch.Test = (Finite("test_accuracy"), Finite("test_loss"));
            reporter.EpochFinished(trial, row, program.Epochs ?? 0);
            if (pauseAfter is int rung && epoch.Epoch >= rung && !program.TellsEpochs)
            {
                // The program trains on past the rung unless stopped; its checkpoint of this epoch is its resume.
                watch.StoppedAtRung = true;
                run.Kill();
                ended = null;
                break;
            }
        }
        return ended;
    }

    /// <summary>Why a reported loss means the trial diverged: not finite, or a thousand times its first
    /// value.</summary>
    private static string? Divergence(ProgramEpoch epoch, Dictionary<string, double> firstLoss)
    {
        foreach (var (name, value) in epoch.Metrics.Where(m => m.Key.EndsWith("loss", StringComparison.Ordinal)))
        {
            if (!double.IsFinite(value)) return $"{name} became NaN or infinite in epoch {epoch.Epoch}";
            if (!firstLoss.TryGetValue(name, out double first)) { firstLoss[name] = value; continue; }
            if (first > 0 && value > ExplosionFactor * first)
                return $"{ProgramLine.Shown(name, value)} in epoch {epoch.Epoch} exploded: over " +
                    $"{ExplosionFactor:G} × its first value ({first.ToString("G4", CultureInfo.InvariantCulture)})";
        }
        return null;
    }

    /// <summary>A placeholder's text for this trial: a key's value as `plan` shows it, the seed, the trial's folder,
    /// or the epochs this run of the program trains.</summary>
    private static string Value(TrialPlan trial, TrialFolder folder, string name, int? epochs) => name switch
    {
        "seed" => trial.Seed.ToString(CultureInfo.InvariantCulture),
        "trial_dir" => folder.Dir,
        "epochs" => epochs?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => trial.Config.GetValueOrDefault(name) is { } value ? SpecValue.Format(value) : "",
    };

    private static string Shown(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,+@%".Contains(c))
            ? argument : System.Text.Json.JsonSerializer.Serialize(argument);

    private static int LastEpoch(List<EpochRow> rows) => rows.Count == 0 ? 0 : rows[^1].Epoch;

    private static string ExitReason(int exit, string tail)
    {
        string how = exit > 128 ? $"was ended by signal {exit - 128} (exit code {exit})" : $"exited with code {exit}";
        return tail.Length == 0 ? $"the program {how}; stderr.log is empty"
            : $"the program {how}; its standard error ended: {tail}";
    }

    private static TrialStatus Save(TrialFolder folder, TrialStatus status)
    {
        status.Save(folder.Status);
        return status;
    }

    /// <summary>The trial's status from its rows: its last epoch is the one its validation metrics are of (a program
    /// keeps its own best weights, if it wants them).</summary>
    private static TrialStatus Status(TrialPlan trial, List<EpochRow> rows, (double? Accuracy, double? Loss)? test,
        TrialState state, string reason, string stopReason)
    {
        var last = rows.Count == 0 ? null : rows[^1];
        var best = rows.Where(r => r.ValidationAccuracy is not null).MaxBy(r => r.ValidationAccuracy);
        double seconds = rows.Sum(r => r.Seconds);
        return new TrialStatus(trial.Id, trial.DisplayName, state, reason, stopReason, rows.Count,
            best?.ValidationAccuracy, best?.Epoch, test?.Accuracy, test?.Loss, seconds, 0)
        {
            TestedEpoch = last?.Epoch,
            ValidationAccuracy = last?.ValidationAccuracy,
            ValidationLoss = last?.ValidationLoss,
            Metrics = last?.Extra,
        };
    }

    /// <summary>How a trial ended when Sweep stopped its program (diverged, too many epochs): not tested.</summary>
    private sealed record Ended(TrialState State, string Reason, string StopReason);

    /// <summary>What ends a run of the program from outside: its time limit and the sweep's stop (Ctrl-C, SIGTERM);
    /// and what the run reported of its test set.</summary>
    private sealed class RunWatch : IDisposable
    {
        private readonly CancellationTokenRegistration _stop;
        private readonly Timer? _limit;

        public RunWatch(ProgramProcess run, double? limitSeconds, CancellationToken cancel)
        {
            _stop = cancel.Register(run.Kill);
            if (limitSeconds is double seconds)
                _limit = new Timer(_ => { TimedOut = true; run.Kill(); }, null,
                    TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0)), Timeout.InfiniteTimeSpan);
        }

        public bool TimedOut { get; private set; }
        public bool StoppedAtRung { get; set; }
        public (double? Accuracy, double? Loss)? Test { get; set; }

        public void Dispose()
        {
            _stop.Dispose();
            _limit?.Dispose();
        }
    }
}
