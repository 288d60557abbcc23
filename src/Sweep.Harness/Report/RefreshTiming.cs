namespace Sweep.Harness.Report;

/// <summary>
/// When <see cref="ReportRefresher"/> may rebuild: not within <paramref name="MinInterval"/> of the last build, and
/// while <paramref name="CoreIdle"/> says every core is training, not before <paramref name="BusyWait"/> has
/// passed. <paramref name="CoreIdle"/> watches for a while (it is polled) and says whether a core was idle.
/// </summary>
public sealed record RefreshTiming(TimeSpan MinInterval, TimeSpan BusyWait, Func<Task<bool>> CoreIdle)
{
    public static readonly RefreshTiming Default =
        new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), ProcessorUse.CoreIdleAsync);
}
