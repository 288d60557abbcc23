using System.Globalization;
using Sweep.Harness.Results;

namespace Sweep.Harness.Cluster;

/// <summary>
/// Where one trial is, as `sweep status` shows it: its recorded state when it has ended (the same
/// <see cref="TrialState"/> status.json holds), running (some process holds its lock), interrupted without a status
/// (killed), or waiting. Running trials show epoch / total and the time left at their own pace.
/// </summary>
public sealed record TrialProgress(string Trial, TrialState? State, bool Running, int Epochs, int? TotalEpochs,
    TimeSpan? TimeLeft, string Detail)
{
    /// <summary>What status prints for a trial that some process is training.</summary>
    public const string RunningLabel = "running";

    /// <summary>What status prints for a trial that has not started.</summary>
    public const string WaitingLabel = "waiting";

    /// <summary>The state as status counts and prints it: a <see cref="TrialState"/> as summary.csv spells it
    /// (a trial killed before it wrote one is interrupted), running or waiting.</summary>
    public string Label => Running ? RunningLabel
        : State is { } s ? SummaryFile.Snake(s)
        : Epochs > 0 ? SummaryFile.Snake(TrialState.Interrupted) : WaitingLabel;

    /// <summary>Running, or ended without a result to keep (diverged, failed, timed out, interrupted): the trials
    /// status lists one by one.</summary>
    public bool NeedsAttention =>
        Running || (State is { } s ? s is not (TrialState.Completed or TrialState.Pruned) : Epochs > 0);
}

/// <summary>
/// A sweep's progress read from its results folder alone (plan.csv, the trials' status, metrics, config and lock
/// files), so it can be checked from a login node while jobs write into the folder elsewhere. Opens nothing for
/// writing: it works on a folder it may not write.
/// </summary>
/// <param name="Stale">Trial folders that the current plan no longer has (an earlier version of the sweep): kept, not
/// counted.</param>
/// <param name="Submitted">The sweep was sent to Slurm (`submit` wrote its job scripts here), so squeue may know its
/// jobs.</param>
public sealed record ResultsStatus(string Name, IReadOnlyList<TrialProgress> Trials, IReadOnlyList<string> Stale,
    bool Submitted)
{
    /// <summary>The order status lists the counts in.</summary>
    public static readonly string[] Labels =
    [
        .. new[] { TrialState.Completed, TrialState.Pruned, TrialState.Diverged, TrialState.Failed, TrialState.TimedOut,
            TrialState.Interrupted }.Select(SummaryFile.Snake),
        TrialProgress.RunningLabel, TrialProgress.WaitingLabel,
    ];

    /// <summary>The counts status prints even when they are zero.</summary>
    public static readonly string[] AlwaysCounted =
        [SummaryFile.Snake(TrialState.Completed), TrialProgress.RunningLabel, TrialProgress.WaitingLabel];

    public int Count(string label) => Trials.Count(t => t.Label == label);

    /// <exception cref="ResultsFolderException">The path is a file (a sweep file, say) or a folder with no
    /// plan.csv.</exception>
    public static ResultsStatus Read(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (File.Exists(layout.Root))
            throw ResultsFolderException.NotResults(dir, "is a file;",
                "status takes a results folder, e.g. results/<sweep name> (what `run` printed after \"Results:\").");
        if (!File.Exists(layout.PlanFile))
            throw ResultsFolderException.NotResults(layout.Root,
                "has no plan.csv: it is not a results folder, or no job has started writing into it yet.",
                "Give the folder `run` or `submit` printed.");
        var ids = PlanFile.Read(layout).Trials;
        var inPlan = ids.ToHashSet();
        var stale = Directory.Exists(layout.TrialsDir)
            ? Directory.GetDirectories(layout.TrialsDir).Select(Path.GetFileName).OfType<string>()
            .Where(id => !inPlan.Contains(id)).Order(StringComparer.Ordinal).ToList()
            : [];
        return new ResultsStatus(Manifest.SweepNameOf(layout), ids.Select(id => Of(id, layout.Trial(id))).ToList(),
            stale, Directory.Exists(layout.SlurmDir));
    }

    private static TrialProgress Of(string id, TrialFolder folder)
    {
        var rows = MetricsFile.Read(folder.Metrics);
        var status = TrialStatus.Load(folder.Status);
        int? total = TotalEpochs(folder);
        if (status?.IsFinal == true)
            return new TrialProgress(id, status.Status, false, status.EpochsRun, total, null, status.StopReason);
        if (folder.IsLocked())
        {
            TimeSpan? left = rows.Count > 0 && total is int t
                ? TimeSpan.FromSeconds(rows.Average(r => r.Seconds) * Math.Max(0, t - rows.Count)) : null;
            return new TrialProgress(id, null, true, rows.Count, total, left, "");
        }
        return status switch
        {
            { } s => new TrialProgress(id, s.Status, false, s.EpochsRun, total, null, s.Reason),
            null when rows.Count > 0 => new TrialProgress(id, null, false, rows.Count, total, null,
                "stopped without a status (killed?); it resumes when run again"),
            _ => new TrialProgress(id, null, false, 0, total, null, ""),
        };
    }

    /// <summary>train.epochs from the trial's config.yaml (one "key: value" a line), when it has one yet.</summary>
    private static int? TotalEpochs(TrialFolder folder)
    {
        if (!File.Exists(folder.Config)) return null;
        var line = Core.Files.BoundedFile.ReadAllText(folder.Config, 1 << 20, "a trial's config.yaml").Split('\n')
            .FirstOrDefault(l => l.StartsWith("train.epochs: ", StringComparison.Ordinal));
        return line is not null && int.TryParse(line["train.epochs: ".Length..], NumberStyles.None,
            CultureInfo.InvariantCulture, out int n) ? n : null;
    }
}
