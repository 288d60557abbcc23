using Sweep.Core.Training;

namespace Sweep.Harness.Run;

/// <summary>
/// The trials training now, so that a worker with no trial of its own (the tail of a grid, a single trial at
/// --parallel 2, a search waiting for results) lends its core to one of them (<see cref="Trainer.Assist"/>) instead
/// of idling. A lent core changes no number; the trainer measures whether it helps and lets it go if not.
/// </summary>
internal sealed class RunningTrainers
{
    private readonly List<Trainer> _trainers = [];

    public void Add(Trainer trainer)
    {
        lock (_trainers) _trainers.Add(trainer);
    }

    /// <summary>The trial has ended or paused: a core waiting to help it goes back to its worker.</summary>
    public void Remove(Trainer trainer)
    {
        lock (_trainers) _trainers.Remove(trainer);
        trainer.Close();
    }

    /// <summary>Whether a running trial could use a lent core (its first layer is large enough to share).</summary>
    public bool AnyCanUseCore
    {
        get { lock (_trainers) return _trainers.Any(t => t.CanUseLentCore); }
    }

    /// <summary>Lends the calling thread to the first running trial that takes it, until that trial lets it go (at
    /// the end of an epoch at the latest). Returns how long it worked: zero when no trial took it before
    /// <paramref name="withdraw"/> said the worker is wanted elsewhere.</summary>
    public TimeSpan Lend(Func<bool> withdraw)
    {
        Trainer[] trainers;
        lock (_trainers) trainers = [.. _trainers];
        foreach (var trainer in trainers.Where(t => t.CanUseLentCore))
        {
            var worked = trainer.Assist(withdraw);
            if (worked > TimeSpan.Zero) return worked;
        }
        return TimeSpan.Zero;
    }
}
