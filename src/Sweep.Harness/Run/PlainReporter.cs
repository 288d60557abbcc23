using System.Diagnostics;
using System.Globalization;
using Sweep.Core.Text;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>
/// Timestamped lines for a log file or CI, short enough to read: one when a trial finishes (and when one resumes),
/// and every <see cref="Interval"/> an overall line with the trials done and an estimate of the time left, from the
/// epochs still to train at this run's pace so far. Epochs themselves are not listed: a grid of 8 trials of 30
/// epochs would otherwise write 240 lines.
/// </summary>
public sealed class PlainReporter(TextWriter output, TimeSpan? interval = null) : IRunReporter
{
    public TimeSpan Interval { get; } = interval ?? TimeSpan.FromSeconds(30);
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly Dictionary<string, int> _epochsLeft = [];
    private int _total, _done, _running;
    private long _epochsTrained;
    private TimeSpan _lastOverall;

    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel)
    {
        lock (_gate)
        {
            _clock.Restart();
            _total = toRun.Count + alreadyComplete;
            _done = alreadyComplete;
            foreach (var t in toRun) _epochsLeft[t.Id] = t.Epochs;
        }
        Line($"{_total} trial{(_total == 1 ? "" : "s")}, {alreadyComplete} already complete, {parallel} at a time");
    }

    public void TrialsProposed(IReadOnlyList<TrialPlan> trials)
    {
        lock (_gate)
        {
            _total += trials.Count;
            foreach (var t in trials) _epochsLeft[t.Id] = t.Epochs;
        }
        Line(
            $"the search proposed {trials.Count} more trial{(trials.Count == 1 ? "" : "s")} from the results so far (" +
            $"{_total} in all)");
    }

    public void TrialStarted(TrialPlan trial, int resumedFromEpoch, bool promoted = false)
    {
        lock (_gate)
        {
            _running++;
            _epochsLeft[trial.Id] = Math.Max(0, _epochsLeft.GetValueOrDefault(trial.Id) - resumedFromEpoch);
        }
        if (promoted)
            Line($"promote {trial.Id} {trial.DisplayName} (among the best at epoch {resumedFromEpoch}: trains on)");
        else if (resumedFromEpoch > 0)
            Line($"resume {trial.Id} {trial.DisplayName} (resuming after epoch {resumedFromEpoch})");
    }

    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs)
    {
        string? overall = null;
        lock (_gate)
        {
            _epochsLeft[trial.Id] = Math.Max(0, epochs - row.Epoch);
            _epochsTrained++;
            if (_clock.Elapsed - _lastOverall >= Interval)
            {
                _lastOverall = _clock.Elapsed;
                overall = Overall();
            }
        }
        if (overall is not null) Line(overall);
    }

    /// <summary>"12/40 trials done, 2 running, about 4 min left".</summary>
    private string Overall()
    {
        long left = _epochsLeft.Values.Sum();
        string eta = _epochsTrained == 0 ? "time left not known yet"
            : $"about {Duration(TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds / _epochsTrained * left))} left";
        return $"{_done}/{_total} trials done, {_running} running, {eta}";
    }

    public static string Duration(TimeSpan t) =>
        t.TotalSeconds < 90 ? $"{Math.Max(1, (int)Math.Round(t.TotalSeconds))} s"
        : t.TotalMinutes < 90 ? $"{(int)Math.Round(t.TotalMinutes)} min" : string.Create(CultureInfo.InvariantCulture,
        $"{t.TotalHours:F1} h");

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        int done;
        lock (_gate)
        {
            done = ++_done;
            _running = Math.Max(0, _running - 1);
            _epochsLeft[trial.Id] = 0;
        }
        var outcome = new List<string>(2);
        if (status.TestAccuracy is double accuracy)
            outcome.Add(
                string.Create(CultureInfo.InvariantCulture,
                $"{(status.ValidationAccuracy is double v ? $"val_acc {v:F4} " : "")}test_acc {accuracy:F4}"));
        if (status.Reason.Length > 0) outcome.Add(status.Reason);
        // A trial on the 8×8 digits trains in hundredths of a second; "0.0 s" read as if it had not trained.
        string seconds = status.TrainSeconds < 0.1
            ? string.Create(CultureInfo.InvariantCulture,
            $"{status.EpochsRun} epochs, {status.TrainSeconds * 1000:F0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{status.EpochsRun} epochs, {status.TrainSeconds:F1} s");
        Line(
            $"{SummaryFile.Snake(status.Status),-6} {trial.Id} [{done}/{_total}] {trial.DisplayName} ({seconds}): " +
            $"{string.Join(" — ", outcome)}");
    }

    public void TrialSkipped(TrialPlan trial, string why) => Line($"skip   {trial.Id} {trial.DisplayName}: {why}");

    private void Line(string text)
    {
        lock (_gate) output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {Printable.Line(text)}");
    }
}
