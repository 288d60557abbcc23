using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using Sweep.Core.Text;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Run;

namespace Sweep.Cli.Progress;

/// <summary>
/// The live terminal view of a running sweep (Spectre.Console): trials done / running / failed / left, each running
/// trial's epoch and latest metric, the last trials to finish, and an ETA from the epochs still to train at the pace
/// of this run so far. Redrawn a few times a second from the reporter's state; the sweep itself runs on other threads.
/// </summary>
public sealed class LiveReporter(string sweepName) : IRunReporter
{
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, RunningTrial> _running = [];
    private readonly Dictionary<string, int> _epochsLeft = [];
    private readonly Queue<string> _recent = new();
    private int _total, _done, _failed, _parallel;
    private bool _started;
    private long _epochsTrained;

    private sealed record RunningTrial(string Name, int Epoch, int Epochs, string Metric);

    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel)
    {
        lock (_gate)
        {
            _clock.Restart();
            _started = true;
            _total = toRun.Count + alreadyComplete;
            _done = alreadyComplete;
            _parallel = parallel;
            foreach (var t in toRun) _epochsLeft[t.Id] = t.Epochs;
        }
    }

    public void TrialsProposed(IReadOnlyList<TrialPlan> trials)
    {
        lock (_gate)
        {
            _total += trials.Count;
            foreach (var t in trials) _epochsLeft[t.Id] = t.Epochs;
        }
    }

    public void TrialStarted(TrialPlan trial, int resumedFromEpoch, bool promoted = false)
    {
        lock (_gate)
        {
            _running[trial.Id] = new RunningTrial(trial.DisplayName, resumedFromEpoch,
                _epochsLeft.GetValueOrDefault(trial.Id), "");
            _epochsLeft[trial.Id] = Math.Max(0, _epochsLeft.GetValueOrDefault(trial.Id) - resumedFromEpoch);
        }
    }

    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs)
    {
        // A program's trial reports what it measures: perhaps no accuracy at all.
        string metric = row.ValidationAccuracy is double v ? $"val_acc {v:F4}"
            : row.TrainAccuracy is double a ? $"acc {a:F4}"
            : row.ValidationLoss is double l ? $"val_loss {l:F4}" : "";
        lock (_gate)
        {
            _running[trial.Id] = new RunningTrial(trial.DisplayName, row.Epoch, epochs, metric);
            _epochsLeft[trial.Id] = Math.Max(0, epochs - row.Epoch);
            _epochsTrained++;
        }
    }

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        lock (_gate)
        {
            _running.Remove(trial.Id);
            _epochsLeft[trial.Id] = 0;
            _done++;
            if (!status.IsFinal) _failed++;
            string score = status.TestAccuracy is double a ? a.ToString("F4", CultureInfo.InvariantCulture) : "–";
            _recent.Enqueue(Printable.Line(
                $"{SummaryFile.Snake(status.Status),-10} {trial.Id}  test_acc {score}  {trial.DisplayName}" +
                $"{(status.Reason.Length > 0 ? " — " + status.Reason : "")}"));
            while (_recent.Count > 5) _recent.Dequeue();
        }
    }

    public void TrialSkipped(TrialPlan trial, string why)
    {
        lock (_gate)
        {
            _epochsLeft[trial.Id] = 0;
            _recent.Enqueue($"skipped    {trial.Id}  {why}");
            while (_recent.Count > 5) _recent.Dequeue();
        }
    }

    /// <summary>Runs the sweep on a worker thread while this thread redraws the view; returns the sweep's
    /// result.</summary>
    public T Show<T>(IAnsiConsole console, Func<T> sweep)
    {
        T result = default!;
        console.Live(Render()).AutoClear(false).Start(ctx =>
        {
            var work = Task.Run(sweep);
            while (!work.Wait(250)) ctx.UpdateTarget(Render());
            ctx.UpdateTarget(Render());
            result = work.GetAwaiter().GetResult();
        });
        return result;
    }

    public IRenderable Render()
    {
        lock (_gate)
        {
            // Before the sweep starts (data loading, the results folder) there is nothing to count yet.
            if (!_started)
                return new Markup(
                    $"[bold]{Markup.Escape(sweepName)}[/]  starting: reading the data and the results folder…");
            int running = _running.Count, left = Math.Max(0, _total - _done - running);
            var elapsed = _clock.Elapsed;
            long remaining = _epochsLeft.Values.Sum();
            string eta = _epochsTrained == 0 || remaining == 0
                ? (remaining == 0 && running == 0 ? "done" : "estimating…")
                : Clock(TimeSpan.FromSeconds(elapsed.TotalSeconds / _epochsTrained * remaining));
            // Two short lines, each within 80 columns, rather than one that a terminal wraps mid-phrase.
            var header = new Markup(
                $"[bold]{Markup.Escape(sweepName)}[/]  [green]{_done}/{_total} done[/] · [blue]{running} running[/] · "
                +
                $"{(_failed > 0 ? "[red]" : "[grey]")}{_failed} failed[/] · {left} left\n" +
                $"{_parallel} at a time · elapsed {Clock(elapsed)} · ETA [bold]{eta}[/]");

            var table = new Table().Border(TableBorder.Rounded).Expand();
            table.AddColumn("trial");
            table.AddColumn("configuration");
            table.AddColumn(new TableColumn("epoch").RightAligned());
            table.AddColumn("latest");
            foreach (var (id, t) in _running.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                table.AddRow(Markup.Escape(id), Markup.Escape(t.Name), $"{t.Epoch}/{t.Epochs}",
                    Markup.Escape(t.Metric));
            if (running == 0) table.AddRow("[grey]–[/]", "[grey]no trial running[/]", "", "");

            var recent = _recent.Count == 0 ? new Markup("[grey]no trial finished yet[/]")
                : new Markup(Markup.Escape(string.Join('\n', _recent)));
            return new Rows(header, table, new Panel(recent).Header("last finished").Border(BoxBorder.Rounded)
                .Expand());
        }
    }

    private static string Clock(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}"
        : $"{t.Minutes}:{t.Seconds:D2}";
}
