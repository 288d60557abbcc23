namespace Sweep.Harness.Run;

/// <summary>What a run did: every selected trial's status in plan order (skipped ones included as found).</summary>
public sealed record SweepOutcome(string ResultsDir, IReadOnlyList<TrialStatus> Statuses, int Skipped)
{
    public bool AllCompleted => Statuses.All(s => s.IsSuccess);
}
