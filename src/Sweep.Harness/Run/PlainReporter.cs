using System.Globalization;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Run;

/// <summary>One timestamped line per finished epoch or trial: what a log file or CI wants.</summary>
public sealed class PlainReporter(TextWriter output) : IRunReporter
{
    private readonly object _gate = new();
    private int _total, _done;

    public void SweepStarted(IReadOnlyList<TrialPlan> toRun, int alreadyComplete, int parallel)
    {
        _total = toRun.Count + alreadyComplete;
        _done = alreadyComplete;
        Line($"{_total} trials, {alreadyComplete} already complete, {parallel} at a time");
    }

    public void TrialStarted(TrialPlan trial, int resumedFromEpoch) =>
        Line($"start  {trial.Id} {trial.DisplayName}{(resumedFromEpoch > 0 ? $" (resuming after epoch {resumedFromEpoch})" : "")}");

    public void EpochFinished(TrialPlan trial, EpochRow row, int epochs) => Line(string.Create(CultureInfo.InvariantCulture,
        $"epoch  {trial.Id} {row.Epoch}/{epochs} loss {row.TrainLoss:F4} acc {row.TrainAccuracy:F4}{(row.ValidationAccuracy is double v ? $" val_acc {v:F4}" : "")} ({row.Seconds:F2} s)"));

    public void TrialFinished(TrialPlan trial, TrialStatus status)
    {
        int done = Interlocked.Increment(ref _done);
        var outcome = new List<string>(2);
        if (status.TestAccuracy is double accuracy) outcome.Add(string.Create(CultureInfo.InvariantCulture, $"test_acc {accuracy:F4}"));
        if (status.Reason.Length > 0) outcome.Add(status.Reason);
        Line($"{SummaryFile.Snake(status.Status),-6} {trial.Id} [{done}/{_total}] {trial.DisplayName}: {string.Join(" — ", outcome)}");
    }

    public void TrialSkipped(TrialPlan trial, string why) => Line($"skip   {trial.Id} {trial.DisplayName}: {why}");

    private void Line(string text)
    {
        lock (_gate) output.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
    }
}
