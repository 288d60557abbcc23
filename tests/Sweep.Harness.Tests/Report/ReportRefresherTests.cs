using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Results;
using Sweep.Harness.Tests.Run;

namespace Sweep.Harness.Tests.Report;

/// <summary>The page is rebuilt beside training only once its interval has passed, and always at the end.</summary>
public sealed class ReportRefresherTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static readonly TrialPlan Trial = new(0, "trial00", new Dictionary<string, object?>(), [], null);
    private static readonly TrialStatus Ended =
        new("trial00", "trial00", TrialState.Completed, "", "", 5, 0.9, 5, 0.9, 0.3, 1, 100);

    [Fact]
    public void A_sweep_that_ends_within_the_interval_gets_its_page_once_at_the_end()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "short"));
        var page = new ResultsLayout(dir).ReportPage;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            minInterval: TimeSpan.FromHours(1));
        refresher.TrialFinished(Trial, Ended);
        Thread.Sleep(1500);
        Assert.False(File.Exists(page), "the page was rebuilt beside training before its interval");
        Assert.Equal(page, refresher.Complete());
        Assert.True(File.Exists(page));
    }

    [Fact]
    public void A_trial_ending_after_the_interval_rebuilds_the_page_beside_training()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "long"));
        var page = new ResultsLayout(dir).ReportPage;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            minInterval: TimeSpan.Zero);
        refresher.TrialFinished(Trial, Ended);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(page) && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        Assert.True(File.Exists(page), "no rebuild within 30 s of a trial ending");
    }
}
