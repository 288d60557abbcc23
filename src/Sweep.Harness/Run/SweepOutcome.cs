namespace Sweep.Harness.Run;

/// <summary>What a run did: every selected trial's status in plan order (skipped ones included as found), and the
/// trials that another process held and had not finished when this run ended.</summary>
public sealed record SweepOutcome(string ResultsDir, IReadOnlyList<TrialStatus> Statuses, IReadOnlyList<string> RunningElsewhere)
{
    public bool AllCompleted => Statuses.All(s => s.IsSuccess) && RunningElsewhere.Count == 0;
}
