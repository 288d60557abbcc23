using Sweep.Harness.Results;
namespace Sweep.Harness.Run;

/// <summary>What a run did: every selected trial's status in plan order (skipped ones included as found), and the
/// trials that another process held and had not finished when this run ended.</summary>
public sealed record SweepOutcome(string ResultsDir, IReadOnlyList<TrialStatus> Statuses,
    IReadOnlyList<string> RunningElsewhere)
{
    /// <summary>The share of the --parallel workers' time spent without a trial (waiting for results to decide
    /// what to train next, or with nothing left to give them): what scripts/bench-parallel reports.</summary>
    public double IdleShare { get; init; }

    public bool AllCompleted => Statuses.All(s => s.IsFinal) && RunningElsewhere.Count == 0;

    /// <summary>"8 completed", "6 completed, 1 diverged, 1 running elsewhere", "interrupted: 3 completed": for the
    /// log.</summary>
    public string Describe(bool interrupted)
    {
        var counts = Statuses.GroupBy(s => SummaryFile.Snake(s.Status)).Select(g => $"{g.Count()} {g.Key}").ToList();
        if (RunningElsewhere.Count > 0) counts.Add($"{RunningElsewhere.Count} running elsewhere");
        string text = counts.Count == 0 ? "nothing trained" : string.Join(", ", counts);
        return interrupted ? "interrupted: " + text : text;
    }
}
