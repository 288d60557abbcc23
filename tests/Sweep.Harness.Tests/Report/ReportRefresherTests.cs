using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Results;
using Sweep.Harness.Tests.Run;

namespace Sweep.Harness.Tests.Report;

/// <summary>The page is rebuilt beside training only once its interval has passed and, while every core trains,
/// once a core falls idle or the busy wait is over; and always at the end.</summary>
public sealed class ReportRefresherTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static readonly TrialPlan Trial = new(0, "trial00", new Dictionary<string, object?>(), [], null);
    private static readonly TrialStatus Ended =
        new("trial00", "trial00", TrialState.Completed, "", "", 5, 0.9, 5, 0.9, 0.3, 1, 100);

    private static Func<Task<bool>> Idle(Func<bool> idle) => async () =>
    {
        await Task.Delay(20);
        return idle();
    };

    private static bool AppearsWithin(string page, TimeSpan limit)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(page) && clock.Elapsed < limit) Thread.Sleep(50);
        return File.Exists(page);
    }

    [Fact]
    public void A_sweep_that_ends_within_the_interval_gets_its_page_once_at_the_end()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "short"));
        var page = new ResultsLayout(dir).ReportPage;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            new RefreshTiming(TimeSpan.FromHours(1), TimeSpan.Zero, Idle(() => true)));
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
            new RefreshTiming(TimeSpan.Zero, TimeSpan.FromHours(1), Idle(() => true)));
        refresher.TrialFinished(Trial, Ended);
        Assert.True(AppearsWithin(page, TimeSpan.FromSeconds(30)), "no rebuild within 30 s of a trial ending");
    }

    [Fact]
    public void While_every_core_trains_a_due_rebuild_waits_for_one_to_fall_idle()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "busy"));
        var page = new ResultsLayout(dir).ReportPage;
        bool idle = false;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            new RefreshTiming(TimeSpan.Zero, TimeSpan.FromHours(1), Idle(() => Volatile.Read(ref idle))));
        refresher.TrialFinished(Trial, Ended);
        Thread.Sleep(1500);
        Assert.False(File.Exists(page), "the page was rebuilt while every core was training");
        Volatile.Write(ref idle, true);
        Assert.True(AppearsWithin(page, TimeSpan.FromSeconds(30)), "no rebuild within 30 s of a core falling idle");
    }

    [Fact]
    public void A_core_lent_to_a_running_trial_counts_as_training_though_the_process_looks_idle()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "lent"));
        var page = new ResultsLayout(dir).ReportPage;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            new RefreshTiming(TimeSpan.Zero, TimeSpan.FromHours(1), Idle(() => true)));
        refresher.WorkerLending(true);
        refresher.TrialFinished(Trial, Ended);
        Thread.Sleep(1500);
        Assert.False(File.Exists(page), "the page was rebuilt beside a lent core");
        refresher.WorkerLending(false);
        Assert.True(AppearsWithin(page, TimeSpan.FromSeconds(30)), "no rebuild within 30 s of the core coming back");
    }

    [Fact]
    public void While_every_core_trains_the_page_is_rebuilt_once_the_busy_wait_is_over()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "busy-long"));
        var page = new ResultsLayout(dir).ReportPage;
        var refresher = new ReportRefresher(new HookedReporter(), dir, new ReportOptions(), TextWriter.Null,
            new RefreshTiming(TimeSpan.Zero, TimeSpan.FromMilliseconds(200), Idle(() => false)));
        refresher.TrialFinished(Trial, Ended);
        Assert.True(AppearsWithin(page, TimeSpan.FromSeconds(30)), "no rebuild within 30 s though the wait was over");
    }

    [Theory]
    [InlineData(1.9, 1.0, 2, false)] // both cores training
    [InlineData(1.0, 1.0, 2, true)]  // one trial left: a core idle
    [InlineData(1.4, 1.0, 2, true)]
    [InlineData(7.8, 2.0, 4, false)]
    [InlineData(0.2, 1.0, 1, true)]
    public void A_core_is_idle_when_the_process_uses_less_than_all_but_half_of_one(double cpu, double wall,
        int processors, bool idle) =>
        Assert.Equal(idle, ProcessorUse.LeavesCoreIdle(TimeSpan.FromSeconds(cpu), TimeSpan.FromSeconds(wall),
            processors));
}
