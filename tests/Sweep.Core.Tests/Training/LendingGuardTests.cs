using System.Diagnostics;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Training;

public class LendingGuardTests
{
    private const int Alone = LendingGuard.Settle + LendingGuard.Window;

    /// <summary>A clock that moves by <paramref name="aloneBatch"/> seconds a batch until the core is taken, then
    /// by <paramref name="lentBatch"/>; returns the batches at which the guard took and kept the core.</summary>
    private static (int? TakenAt, int? DroppedAt) Run(double aloneBatch, double lentBatch, int offeredFrom = 0)
    {
        var guard = new LendingGuard();
        guard.Begin();
        long now = 0;
        bool taken = false;
        int? takenAt = null, droppedAt = null;
        for (int batch = 0; batch < 1000; batch++)
        {
            guard.Tick(batch, now);
            if (taken && !guard.Keep(batch, now))
            {
                taken = false;
                droppedAt = batch;
            }
            else if (!taken && batch >= offeredFrom && guard.Take(batch))
            {
                taken = true;
                takenAt = batch;
            }
            now += (long)((taken ? lentBatch : aloneBatch) * Stopwatch.Frequency);
        }
        return (takenAt, droppedAt);
    }

    [Fact]
    public void A_core_that_makes_batches_faster_is_taken_after_the_window_alone_and_kept()
    {
        var (takenAt, droppedAt) = Run(aloneBatch: 180e-6, lentBatch: 110e-6);
        Assert.Equal(Alone, takenAt);
        Assert.Null(droppedAt);
    }

    [Fact]
    public void A_core_that_does_not_pay_goes_back_after_one_window_and_is_not_taken_again_that_epoch()
    {
        var (takenAt, droppedAt) = Run(aloneBatch: 180e-6, lentBatch: 178e-6);
        Assert.Equal(Alone, takenAt);
        Assert.Equal(Alone + LendingGuard.Settle + LendingGuard.Window, droppedAt);
    }

    [Fact]
    public void A_core_offered_mid_epoch_is_taken_when_offered_and_the_next_epoch_starts_alone()
    {
        var guard = new LendingGuard();
        guard.Begin();
        Assert.False(guard.Take(Alone - 1));
        Assert.True(guard.Take(700));
        Assert.False(guard.Take(701));
        guard.Begin();
        Assert.False(guard.Take(5));
        Assert.True(guard.Take(Alone));
        Assert.Equal(700, Run(180e-6, 110e-6, offeredFrom: 700).TakenAt);
    }
}
