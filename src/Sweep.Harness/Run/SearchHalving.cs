using System.Collections.Concurrent;
using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run;

/// <summary>
/// A model-based search under asynchronous halving, read from the results folder's files alone (status.json and
/// metrics.csv), so that a run, a resumed run and a rebuilt summary see the same evidence and propose the same
/// configurations: which configurations there are (one per proposal, in plan order, duplicates left out), where each
/// is sure to pause, and its metric at each rung.
/// </summary>
public static class SearchHalving
{
    /// <summary>The configurations of a search's plan in plan order: one per proposal that is not a duplicate of an
    /// earlier one, named by its first trial's id (stable as the plan grows), with its trials (one per seed).</summary>
    public static List<(string Key, List<TrialPlan> Trials)> Configurations(SweepPlan plan)
    {
        int seeds = plan.Spec.Seeds.Count;
        return plan.Trials.Where(t => t.DuplicateOf is null).GroupBy(t => t.Index / seeds)
            .Select(g => (g.First().Id, g.ToList())).ToList();
    }

    /// <summary>What the search learns from, as the folder's files hold it.</summary>
    public static SearchFidelity Fidelity(SweepSpec spec, HalvingOptions halving, ResultsLayout layout)
    {
        var metric = spec.Search!.MetricOr(spec.Select);
        int seeds = spec.Seeds.Count;
        // Every rung, and the end when the sweep sets one number of epochs for all.
        var epochs = halving.Rungs.ToList();
        int? last = spec.Program is { } program ? program.Epochs
            : spec.Values.TryGetValue("train.epochs", out var end) && end.Value is int e ? e : null;
        if (last is int full && !epochs.Contains(full))
            epochs.Add(full);
        int SureEpoch(TrialPlan t) => AsyncHalving.FirstPause(ProposalIndex(t, seeds), halving, t.Epochs);
        // What a trial was sure to reach never changes once it has: read its files until then, and then no more.
        var settled = new ConcurrentDictionary<string, SureEvidence>(StringComparer.Ordinal);
        SureEvidence Evidence(TrialPlan t)
        {
            if (settled.TryGetValue(t.Id, out var known)) return known;
            var ended = TrialStatus.Load(layout.Trial(t.Id).Status) is { Status: not TrialState.Interrupted } s
                ? s : null;
            int sure = SureEpoch(t);
            var rows = MetricsFile.Read(layout.Trial(t.Id).Metrics).Where(r => r.Epoch <= sure)
                .ToDictionary(r => r.Epoch, metric.Of);
            var evidence = new SureEvidence(ended is not null || rows.ContainsKey(sure), rows,
                ended?.Status is TrialState.Diverged or TrialState.Failed or TrialState.TimedOut
                && rows.GetValueOrDefault(sure) is null);
            if (evidence.Settled) settled[t.Id] = evidence;
            return evidence;
        }
        return new SearchFidelity(
            Epochs: epochs,
            SureEpoch: SureEpoch,
            Settled: t => Evidence(t).Settled,
            SureMetricAt: (t, epoch) => Evidence(t).Metrics.GetValueOrDefault(epoch),
            FailedEarly: t => Evidence(t).FailedEarly);
    }

    /// <summary>A trial's metrics up to its sure epoch, whether it got there, and whether it failed before.</summary>
    private sealed record SureEvidence(bool Settled, IReadOnlyDictionary<int, double?> Metrics, bool FailedEarly);

    /// <summary>A trial's configuration's place among the search's proposals; brackets are dealt by it, so a
    /// duplicate proposal (never run) still takes its turn, and a trial's bracket never changes as the plan
    /// grows.</summary>
    public static int ProposalIndex(TrialPlan trial, int seeds) => trial.Index / seeds;
}
