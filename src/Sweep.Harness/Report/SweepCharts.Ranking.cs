using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>Which configuration won and by how much (ranked), at what cost (against training time, with the Pareto
/// front), and the budgets behind each result: a configuration halving stopped early is drawn hollow wherever the
/// page sets it beside finished ones.</summary>
public static partial class SweepCharts
{
    private static XyChart Ranked(IReadOnlyList<ConfigurationSummary> configurations, Selection selection)
    {
        var shown = configurations.Where(c => c.Score is not null).Take(25).ToList();
        var points =
            shown.Select((c, i) => new DataPoint(i, c.Selected.Mean!.Value, c.Selected.Mean - (c.Selected.Sd ?? 0),
            c.Selected.Mean + (c.Selected.Sd ?? 0))).ToList();
        string title = configurations.Count > shown.Count
            ? $"Top {shown.Count} of {configurations.Count} configurations" : "Configurations ranked";
        // "#3 lr=0.01 hidden=[16]": the rank names the table's row, where a label too long for the chart is whole.
        var labels = shown.Select(c => $"#{c.Rank} {ShortLabel(c.Label)}").ToList();
        return new XyChart($"{title} by mean {selection.Label} (± sd over seeds)", "ranked",
            new Axis("configuration (rank in the table)", Categories: labels), MetricAxis(selection),
            ByBudget(points, i => Partial(shown[i]), "full budget", Palette.Summary, Uncertainty.ErrorBars,
                fullOnlyBesidePartial: true));
    }

    /// <summary>Each configuration's mean metric against its mean training time, and the Pareto front: the
    /// configurations that no other beats on both.</summary>
    private static XyChart AgainstTime(IReadOnlyList<ConfigurationSummary> configurations, Selection selection)
    {
        var scored = configurations.Where(c => c.Score is not null && c.TrainSeconds.Mean is not null).ToList();
        var points = scored.Select(c => new DataPoint(c.TrainSeconds.Mean!.Value, c.Selected.Mean!.Value)).ToList();
        var configurationPoints = ByBudget(points, i => Partial(scored[i]), "configuration", Palette.Trial);
        double Better(double v) => selection.HigherIsBetter ? v : -v;
        // The front of configurations trained to the end: one cut by halving stopped early, so its time is not a
        // full configuration's. Drawn as a staircase: the best reachable in a given time holds until a slower
        // configuration beats it.
        var complete = scored.Where(c => !Partial(c))
            .Select(c => new DataPoint(c.TrainSeconds.Mean!.Value, c.Selected.Mean!.Value));
        var front = new List<DataPoint>();
        foreach (var p in complete.OrderBy(p => p.X).ThenByDescending(p => Better(p.Y)))
            if (front.Count == 0 || Better(p.Y) > Better(front[^1].Y))
            {
                if (front.Count > 0) front.Add(new DataPoint(p.X, front[^1].Y));
                front.Add(p);
            }
        return new XyChart($"{Capital(selection.Label)} against training time, with the Pareto front", "metric-vs-time",
            new Axis("mean training time of a trial (s)"), MetricAxis(selection),
            [.. configurationPoints, new Series("Pareto front", Palette.Summary, front)]);
    }

    /// <summary>A configuration that halving stopped early (any of its seeds): its result is at a partial budget.
    /// </summary>
    private static bool Partial(ConfigurationSummary c) => c.Trials.Any(t => t.Status == TrialState.Pruned);

    private const string PartialLabel = "stopped early (partial budget)";

    /// <summary>Points split into those at the full budget (filled) and those halving stopped early (hollow, named in
    /// the legend), so that a 1-epoch result is not read as the equal of a 9-epoch one. <paramref name="full"/> names
    /// the filled ones; null leaves both out of the legend (a chart with an entry of its own for them). With
    /// <paramref name="fullOnlyBesidePartial"/> the filled ones are named only when hollow ones stand beside them (the
    /// name then only tells budgets apart).</summary>
    private static List<Series> ByBudget(List<DataPoint> points, Func<int, bool> partial, string? full, string colour,
        Uncertainty uncertainty = Uncertainty.None, bool fullOnlyBesidePartial = false)
    {
        var indices = Enumerable.Range(0, points.Count).ToList();
        var stopped = indices.Where(partial).Select(i => points[i]).ToList();
        var whole = indices.Where(i => !partial(i)).Select(i => points[i]).ToList();
        string? fullLabel = fullOnlyBesidePartial && stopped.Count == 0 ? null : full;
        var series = new List<Series>
        {
            new(fullLabel, colour, whole, Line: false, Markers: true, Uncertainty: uncertainty),
        };
        if (stopped.Count > 0)
            series.Add(new Series(full is null ? null : PartialLabel, colour, stopped, Line: false, Markers: true,
                Uncertainty: uncertainty, Shape: MarkerKind.Hollow, LegendOrder: 1));
        return series;
    }

    /// <summary>Each trial's selection metric against a position (a key's value), hollow where halving stopped it.
    /// </summary>
    private static List<Series> TrialPoints(IReadOnlyList<TrialResult> trials, IReadOnlyList<double> x,
        Selection selection) =>
        ByBudget(trials.Select((t, i) => new DataPoint(x[i], selection.Of(t)!.Value)).ToList(),
            i => trials[i].Status == TrialState.Pruned, "trial", Palette.Trial);
}
