using Sweep.Harness.Spec;

namespace Sweep.Harness.Run;

/// <summary>
/// Asynchronous successive halving (ASHA: Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys
/// 2020), made deterministic, with Hyperband's brackets over it. A configuration goes on from a rung as soon as it is
/// among the best ⌊n·keep⌋ of the n configurations that have reached that rung, so no core waits at a rung for the
/// slowest trial. Which configurations "have reached" a rung is counted in a fixed order, not in the order they
/// happen to finish: a rung's ledger takes its configurations in plan order (the first rung) or in the order they
/// were promoted into it, and records the next one only when it has arrived (or ended). So every promotion is a
/// function of the metrics alone, the same at any --parallel and after a resume, and a worker with nothing to
/// promote starts a new configuration instead of waiting. When a rung can receive no one else, its best
/// ⌈n·keep⌉ (at least one, as synchronous halving keeps) have gone on and the rest are pruned.
/// Brackets: configuration i joins bracket i mod B; bracket b starts at rung b (Hyperband's trade of more
/// configurations against more epochs each); the last bracket may have no rung and train every configuration to the
/// end. Under a model-based search the configurations arrive batch by batch (<see cref="Add"/>): they join the first
/// rungs' ledgers in plan order, and no first rung closes before the search says it has proposed its last
/// (<see cref="Complete"/>).
/// </summary>
public sealed class AsyncHalving
{
    /// <summary>Where a configuration stands at a rung: not there yet, or there (every seed paused at that epoch, or
    /// ended), with its score (higher is better; null when a seed has no metric) and whether it can go on.</summary>
    public readonly record struct Arrival(bool Known, double? Score, bool CanGoOn)
    {
        public static Arrival NotYet { get; } = new(false, null, false);
    }

    /// <summary>What to do next: train a configuration to <paramref name="PauseAfter"/> (null: to the end), or prune it
    /// at the rung it reached.</summary>
    public sealed record Step(string Configuration, bool Prune, int? PauseAfter, int Rung);

    private sealed class Ledger(int epoch)
    {
        public readonly int Epoch = epoch;
        public readonly List<string> Candidates = [];
        public readonly Dictionary<string, double> Scores = [];
        public readonly HashSet<string> Eligible = [], Promoted = [], Pruned = [];
        public int Processed;
        public bool Closed;
    }

    private readonly List<List<Ledger>> _brackets = [];
    private readonly Dictionary<string, int> _bracketOf = [];
    private readonly double _keep;
    private readonly int _bracketCount;
    private bool _complete;

    /// <param name="configurations">In plan order.</param>
    /// <param name="complete">False when more configurations will come (<see cref="Add"/>).</param>
    public AsyncHalving(IReadOnlyList<string> configurations, HalvingOptions options, bool complete = true)
    {
        _keep = options.Keep;
        _bracketCount = options.Brackets;
        _complete = complete;
        for (int b = 0; b < options.Brackets; b++)
            _brackets.Add(options.Rungs.Skip(b).Select(r => new Ledger(r)).ToList());
        Add(configurations.Select((c, i) => (c, i))).ToList();
    }

    /// <summary>The bracket of the configuration at <paramref name="index"/> in plan order.</summary>
    public static int BracketOf(int index, HalvingOptions options) => index % options.Brackets;

    /// <summary>The epoch a configuration reaches whatever is decided: its bracket's first rung, or, in a bracket
    /// without rungs, its last epoch.</summary>
    public static int FirstPause(int index, HalvingOptions options, int epochs) =>
        BracketOf(index, options) < options.Rungs.Count ? Math.Min(options.Rungs[BracketOf(index, options)], epochs)
            : epochs;

    /// <summary>Configurations that join (after those before them, in plan order), each with its place in the plan,
    /// which deals its bracket; returns their first steps.</summary>
    public IEnumerable<Step> Add(IEnumerable<(string Key, int Index)> configurations)
    {
        var steps = new List<Step>();
        foreach (var (c, index) in configurations)
        {
            if (_bracketOf.ContainsKey(c)) continue;
            int b = index % _bracketCount;
            _bracketOf[c] = b;
            if (_brackets[b].Count > 0) _brackets[b][0].Candidates.Add(c);
            steps.Add(_brackets[b] is { Count: > 0 } rungs ? new Step(c, false, rungs[0].Epoch, rungs[0].Epoch)
                : new Step(c, false, null, 0));
        }
        return steps;
    }

    /// <summary>No configuration will join any more: the first rungs may close.</summary>
    public void Complete() => _complete = true;

    /// <summary>The first step of every configuration: to its bracket's first rung, or to the end.</summary>
    public IEnumerable<Step> Start() => _bracketOf.Select(kv => _brackets[kv.Value] is { Count: > 0 } rungs
        ? new Step(kv.Key, false, rungs[0].Epoch, rungs[0].Epoch)
        : new Step(kv.Key, false, null, 0));

    /// <summary>Records every arrival it can, in ledger order, and returns the promotions and prunings they
    /// decide.</summary>
    /// <param name="arrival">A configuration's standing at an epoch (a rung).</param>
    public List<Step> Update(Func<string, int, Arrival> arrival)
    {
        var steps = new List<Step>();
        foreach (var rungs in _brackets)
        {
            bool earlierClosed = _complete; // a first rung closes once no configuration can join it
            for (int j = 0; j < rungs.Count; j++)
            {
                var ledger = rungs[j];
                var into = j + 1 < rungs.Count ? rungs[j + 1] : null;
                int? next = into?.Epoch;
                while (ledger.Processed < ledger.Candidates.Count)
                {
                    string c = ledger.Candidates[ledger.Processed];
                    var a = arrival(c, ledger.Epoch);
                    if (!a.Known) break;
                    ledger.Processed++;
                    ledger.Scores[c] = a.Score ?? double.NegativeInfinity;
                    if (a.CanGoOn) ledger.Eligible.Add(c);
                    Promote(ledger, (int)Math.Floor(ledger.Processed * _keep), next, into, steps);
                }
                if (!ledger.Closed && earlierClosed && ledger.Processed == ledger.Candidates.Count)
                {
                    // No one else can reach this rung: the synchronous share goes on, the rest stop here.
                    ledger.Closed = true;
                    Promote(ledger, Math.Max(1, (int)Math.Ceiling(ledger.Processed * _keep)), next, into, steps);
                    // Every one not promoted stops here, also one that cannot go on because a seed ended early
                    // (diverged): its other seeds, paused at the rung, would otherwise wait for ever.
                    var stopped = ledger.Candidates.Where(c => !ledger.Promoted.Contains(c));
                    foreach (string c in stopped)
                        if (ledger.Pruned.Add(c)) steps.Add(new Step(c, true, null, ledger.Epoch));
                }
                earlierClosed = ledger.Closed;
            }
        }
        return steps;
    }

    /// <summary>Promotes the eligible among the best <paramref name="quota"/> recorded (ties: earlier in the
    /// ledger).</summary>
    private static void Promote(Ledger ledger, int quota, int? pauseAfter, Ledger? into, List<Step> steps)
    {
        var order = ledger.Candidates.Take(ledger.Processed).ToList();
        foreach (string c in order.OrderByDescending(c => ledger.Scores[c]).ThenBy(order.IndexOf).Take(quota))
            if (ledger.Eligible.Contains(c) && ledger.Promoted.Add(c))
            {
                into?.Candidates.Add(c);
                steps.Add(new Step(c, false, pauseAfter, ledger.Epoch));
            }
    }

    /// <summary>Whether every rung has decided: nothing is left paused.</summary>
    public bool Done => _brackets.All(rungs => rungs.All(l => l.Closed));
}
