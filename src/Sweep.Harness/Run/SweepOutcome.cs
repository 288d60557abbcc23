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

    /// <summary>The share of the workers' time lent to another worker's trial, once they had none of their own
    /// (Trainer.Assist); not idle.</summary>
    public double LentShare { get; init; }

    /// <summary>"workers idle 5.3 % of the time", and the share lent when there was one: for the log and the
    /// console.</summary>
    public string DescribeWorkers() => FormattableString.Invariant($"workers idle {IdleShare:P1} of the time") +
        (LentShare > 0 ? FormattableString.Invariant($", lent to running trials {LentShare:P1}") : "");

    public bool AllCompleted => Statuses.All(s => s.IsFinal) && RunningElsewhere.Count == 0;

    /// <summary>Whether a trial failed on a file of its own (a damaged checkpoint, a disk that filled while one was
    /// written) rather than in training: the run exits as for any file problem.</summary>
    public bool FileProblem => Statuses.Any(s => s.StopReason == TrialStatus.FileProblem);

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
