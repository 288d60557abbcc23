namespace Sweep.Core.Training;

/// <summary>
/// Decides, within each epoch, whether a lent core is taken and kept, from that epoch's own timings. The first
/// batches train alone, and one window of them is timed; a core offered after them is taken, and kept for the rest of
/// the epoch only if a window of batches with it ran at least <see cref="MinGain"/> times faster.
/// Numbers do not depend on it (a lent core changes no bit), only time does. It exists because on a shared virtual
/// machine two cores that wait on each other can run far slower than one: a hypervisor that deschedules one of them
/// stalls both. An earlier design lost 3× in such periods (README); measuring in every epoch keeps a bad period to
/// one window.
/// </summary>
public sealed class LendingGuard
{
    /// <summary>Batches per measurement: long enough to average a batch's jitter, short against an MNIST epoch of
    /// 1,875 batches of 32.</summary>
    public const int Window = 96;

    /// <summary>Batches left out before each window: the epoch's first batches, and a taken core's first ones (it
    /// wakes, and its half of the weights and state moves into its cache), run slower than the rest
    /// (docs/performance.md).</summary>
    public const int Settle = 8;

    /// <summary>How much faster a lent window must be for the core to stay. The point is to catch a core that
    /// slows the trial (as an earlier design's did, badly, in a hypervisor's bad periods), and a lent core is taken
    /// only when it would otherwise idle, so any clear gain is worth it (docs/performance.md has the gains).</summary>
    public const double MinGain = 1.05;

    private long _aloneFrom, _lentFrom;
    private double _aloneSeconds;
    private int _takenBatch = -1;

    /// <summary>The epoch starts.</summary>
    public void Begin() => _takenBatch = -1;

    /// <summary>Before every batch of the epoch: the window alone is timed over batches [Settle, Settle +
    /// Window).</summary>
    public void Tick(int batch, long timestamp)
    {
        if (batch == Settle) _aloneFrom = timestamp;
        if (batch == Settle + Window) _aloneSeconds = Seconds(_aloneFrom, timestamp);
        if (_takenBatch >= 0 && batch == _takenBatch + Settle) _lentFrom = timestamp;
    }

    /// <summary>With a core offered and none taken: take it before this batch? Once per epoch, after the window
    /// alone.</summary>
    public bool Take(int batch)
    {
        if (batch < Settle + Window || _takenBatch >= 0) return false;
        _takenBatch = batch;
        return true;
    }

    /// <summary>With a core taken: keep it for this batch? False once, at the end of its window, when that window
    /// was not <see cref="MinGain"/> times faster than the window alone.</summary>
    public bool Keep(int batch, long timestamp) =>
        batch != _takenBatch + Settle + Window || Seconds(_lentFrom, timestamp) * MinGain <= _aloneSeconds;

    private static double Seconds(long from, long to) =>
        (to - from) / (double)System.Diagnostics.Stopwatch.Frequency;
}
