using Sweep.Harness.Run;

namespace Sweep.Harness.Cluster;

public enum ProgressState { Complete, Running, Failed, Interrupted, Waiting }

/// <summary>One trial as `sweep status` sees it: its state, epochs done and the reason when it did not complete.</summary>
public sealed record TrialProgress(string Trial, ProgressState State, int Epochs, string Detail);

/// <summary>
/// A sweep's progress read from its results folder alone (plan.csv, the trials' status, metrics and lock files),
/// so it can be checked from a login node while jobs write into the folder elsewhere.
/// </summary>
/// <param name="Stale">Trial folders that the current plan no longer has (an earlier version of the sweep): kept, not counted.</param>
public sealed record ResultsStatus(string Name, IReadOnlyList<TrialProgress> Trials, IReadOnlyList<string> Stale)
{
    public int Count(ProgressState state) => Trials.Count(t => t.State == state);

    public static ResultsStatus Read(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (!File.Exists(layout.PlanFile))
            throw new ClusterException($"{layout.Root} has no plan.csv: it is not a results folder, or no job has started writing into it yet.");
        var ids = PlanFile.Read(layout).Trials;
        var inPlan = ids.ToHashSet();
        var stale = Directory.Exists(layout.TrialsDir)
            ? Directory.GetDirectories(layout.TrialsDir).Select(Path.GetFileName).OfType<string>().Where(id => !inPlan.Contains(id)).Order(StringComparer.Ordinal).ToList()
            : [];
        return new ResultsStatus(Manifest.SweepNameOf(layout), ids.Select(id => Of(id, layout.Trial(id))).ToList(), stale);
    }

    private static TrialProgress Of(string id, TrialFolder folder)
    {
        int epochs = MetricsFile.Read(folder.Metrics).Count;
        var status = TrialStatus.Load(folder.Status);
        if (status?.IsFinal == true) return new TrialProgress(id, ProgressState.Complete, status.EpochsRun, SummaryFile.Snake(status.Status));
        if (folder.IsLocked()) return new TrialProgress(id, ProgressState.Running, epochs, "");
        return status switch
        {
            { Status: TrialState.Interrupted } => new TrialProgress(id, ProgressState.Interrupted, epochs, status.Reason),
            { } s => new TrialProgress(id, ProgressState.Failed, s.EpochsRun, $"{SummaryFile.Snake(s.Status)}: {s.Reason}"),
            null when epochs > 0 => new TrialProgress(id, ProgressState.Interrupted, epochs, "stopped without a status (killed?); it resumes when run again"),
            _ => new TrialProgress(id, ProgressState.Waiting, 0, ""),
        };
    }
}
