using Sweep.Harness.Cluster;
using Sweep.Harness.Run;

namespace Sweep.Harness.Tests.Cluster;

public sealed class ResultsStatusTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static TrialStatus Status(string id, TrialState state, string reason = "") => new(id, id, state, reason, "", 3, 0.9, 3, 0.9, 0.3, 1, 1);

    [Fact]
    public void Each_trial_is_complete_running_failed_interrupted_or_waiting_from_the_folder_alone()
    {
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "r"));
        Directory.CreateDirectory(layout.TrialsDir);
        CsvFiles.Write(layout.PlanFile, ["index", "trial", "duplicate_of"],
            [[0, "done", null], [1, "cut", null], [2, "busy", null], [3, "bad", null], [4, "stopped", null], [5, "killed", null], [6, "later", null], [7, "again", "done"]]);
        foreach (var id in new[] { "done", "cut", "busy", "bad", "stopped", "killed" })
        {
            Directory.CreateDirectory(layout.Trial(id).Dir);
            MetricsFile.Write(layout.Trial(id).Metrics, [new EpochRow(1, 1, 0.5, 1, 0.5, 0.1, 1), new EpochRow(2, 1, 0.5, 1, 0.5, 0.1, 1)]);
        }
        Status("done", TrialState.Completed).Save(layout.Trial("done").Status);
        Status("cut", TrialState.Pruned).Save(layout.Trial("cut").Status);
        Status("bad", TrialState.Diverged, "loss became NaN").Save(layout.Trial("bad").Status);
        Status("stopped", TrialState.Interrupted).Save(layout.Trial("stopped").Status);
        using var held = new FileStream(layout.Trial("busy").Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var status = ResultsStatus.Read(layout.Root);
        Assert.Equal(["done", "cut", "busy", "bad", "stopped", "killed", "later"], status.Trials.Select(t => t.Trial)); // the duplicate is not counted
        Assert.Equal([ProgressState.Complete, ProgressState.Complete, ProgressState.Running, ProgressState.Failed, ProgressState.Interrupted, ProgressState.Interrupted, ProgressState.Waiting],
            status.Trials.Select(t => t.State));
        Assert.Equal(2, status.Trials.Single(t => t.Trial == "busy").Epochs);
        Assert.Contains("loss became NaN", status.Trials.Single(t => t.Trial == "bad").Detail);
    }

    [Fact]
    public void A_folder_that_is_not_a_results_folder_is_a_clear_error()
    {
        Assert.Contains("has no plan.csv", Assert.Throws<ClusterException>(() => ResultsStatus.Read(_files.Dir)).Message);
        File.WriteAllText(Path.Combine(_files.Dir, "plan.csv"), "a,b\n1,2\n");
        Assert.Contains("line 1: no 'index' column", Assert.Throws<ResultsFileException>(() => ResultsStatus.Read(_files.Dir)).Message);
    }
}
