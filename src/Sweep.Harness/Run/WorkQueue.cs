using System.Runtime.ExceptionServices;

namespace Sweep.Harness.Run;

/// <summary>A worker's task: train a trial to a rung (null: to the end), or end a paused trial that halving
/// cut.</summary>
internal sealed record Work(Plan.TrialPlan Trial, int? PauseAfter, string? PruneReason = null);

/// <summary>
/// One pass of the pool's workers over a queue of work: which item is next, how many run, the work added as items
/// end (a search's next batch, halving's promotions), and the first error that broke the pass. Every change happens
/// under one lock, and waiting workers are woken by it.
/// </summary>
/// <param name="more">Asked each time an item ends, under the lock: the work that makes available, taken before
/// what was queued. Null: the first list is all.</param>
/// <param name="order">The order in which a list of work is taken (largest first, then plan order).</param>
internal sealed class WorkQueue(IEnumerable<Work> first, Func<IReadOnlyList<Work>>? more,
    Func<IEnumerable<Work>, List<Work>> order)
{
    private readonly object _gate = new();
    private readonly List<Work> _queue = order(first);
    private int _next, _running;
    private long _additions;
    private ExceptionDispatchInfo? _broken;

    /// <summary>How many times work was added: a lent core goes back to its worker when this changes.</summary>
    public long Additions => Volatile.Read(ref _additions);

    public bool IsBroken => Volatile.Read(ref _broken) is not null;

    /// <summary>Waits for the next item. True with an item to run; true with none when nothing is queued while an
    /// item runs and <paramref name="canLend"/> says a running trial could use this core; false when the pass is
    /// over (all done, or broken).</summary>
    /// <param name="additionsSeen"><see cref="Additions"/> when the answer was given.</param>
    public bool TryTake(Func<bool> canLend, out Work? item, out long additionsSeen)
    {
        lock (_gate)
        {
            while (true)
            {
                item = null;
                additionsSeen = _additions;
                if (_broken is not null) return false;
                if (_next < _queue.Count)
                {
                    item = _queue[_next++];
                    _running++;
                    return true;
                }
                if (_running == 0) return false;
                // A trial just started can use a core once its data is loaded, hence the timed wait.
                if (canLend()) return true;
                Monitor.Wait(_gate, 50);
            }
        }
    }

    /// <summary>An item has ended: what it makes available joins the queue, and waiting workers wake.</summary>
    public void Done()
    {
        lock (_gate)
        {
            _running--;
            if (more is not null && more() is { Count: > 0 } added)
            {
                _queue.InsertRange(_next, order(added));
                _additions++;
            }
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>After an offer to lend that no trial took: a short wait, unless something changed.</summary>
    public void PauseAfterIdleOffer()
    {
        lock (_gate)
            if (_next == _queue.Count && _running > 0 && _broken is null) Monitor.Wait(_gate, 20);
    }

    /// <summary>Ends the pass: no worker takes another item, and <see cref="ThrowIfBroken"/> raises
    /// <paramref name="error"/> (the first one) to the caller.</summary>
    public void Break(Exception error)
    {
        lock (_gate)
        {
            _broken ??= ExceptionDispatchInfo.Capture(error);
            Monitor.PulseAll(_gate);
        }
    }

    public void ThrowIfBroken() => _broken?.Throw();
}
