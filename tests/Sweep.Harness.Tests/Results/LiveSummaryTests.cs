using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Results;

/// <summary>The run's summary from memory: the first trial's end writes it, later ones within a second do not,
/// and a write reads no trial's files but those it has not met.</summary>
public sealed class LiveSummaryTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void The_table_is_written_at_once_then_at_most_once_a_second_from_memory()
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("s.yaml",
            SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01, 0.001]\n")));
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "r"));
        var summary = new LiveSummary(layout);
        TrialStatus Done(TrialPlan t) => new(t.Id, t.DisplayName, TrialState.Completed, "", "completed all epochs", 4,
            0.9, 4, 0.9, 0.3, 0.01, 1000);
        summary.Finished(plan, plan.Trials[0], Done(plan.Trials[0]));
        var first = CsvFiles.Read(layout.Summary, ["trial", "status"], "").Rows;
        Assert.Equal(["completed", "pending", "pending"], first.Select(r => r["status"]));
        // Within the interval: kept in memory only.
        summary.Finished(plan, plan.Trials[1], Done(plan.Trials[1]));
        Assert.Equal("pending", CsvFiles.Read(layout.Summary, ["trial", "status"], "").Rows[1]["status"]);
        // A status file written by someone else after the trial was met is not read again: memory is the truth.
        Directory.CreateDirectory(layout.Trial(plan.Trials[2].Id).Dir);
        summary.Write(plan);
        Done(plan.Trials[2]).Save(layout.Trial(plan.Trials[2].Id).Status);
        summary.Write(plan);
        Assert.Equal(["completed", "completed", "pending"],
            CsvFiles.Read(layout.Summary, ["trial", "status"], "").Rows.Select(r => r["status"]));
        // The rebuild from the folder sees it.
        SummaryFile.Rebuild(plan, layout);
        Assert.Equal("completed", CsvFiles.Read(layout.Summary, ["trial", "status"], "").Rows[2]["status"]);
    }
}
