using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>The learning curves of the page: a metric per epoch, a line per configuration (mean and range over
/// seeds).</summary>
public static partial class SweepCharts
{
    /// <summary>The learning curves: accuracy and loss. A program reports what it measures: a chart of a metric it
    /// did not report is left out, and a metric of its own that selects gets its curves first.</summary>
    private static List<Chart> Curves(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string? colourBy, string? styleBy)
    {
        var metric = results.Selection.Metric;
        return new[]
        {
            metric.IsProgramMetric ? LearningCurves(results, configurations, colourBy, styleBy, metric.Name,
                "learning-curves-" + Slug(metric.Name), metric.Of, null) : null,
            LearningCurves(results, configurations, colourBy, styleBy, loss: false),
            LearningCurves(results, configurations, colourBy, styleBy, loss: true),
        }.OfType<Chart>().ToList();
    }

    private static XyChart? LearningCurves(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string? colourBy, string? styleBy, bool loss)
    {
        bool validation = results.Trials.Any(t => t.Metrics.Any(m => m.ValidationAccuracy is not null));
        string what = (validation ? "validation " : "training ") + (loss ? "loss" : "accuracy");
        Func<EpochRow, double?> metric = (validation, loss) switch
        {
            (true, false) => m => m.ValidationAccuracy,
            (true, true) => m => m.ValidationLoss,
            (false, false) => m => m.TrainAccuracy,
            _ => m => m.TrainLoss,
        };
        return LearningCurves(results, configurations, colourBy, styleBy, what,
            loss ? "learning-curves-loss" : "learning-curves-accuracy", metric, loss ? null : 1);
    }

    /// <summary>One metric per epoch, a line per configuration; null when no trial has a value of it.</summary>
    private static XyChart? LearningCurves(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string? colourBy, string? styleBy, string what, string slug, Func<EpochRow, double?> metric, double? max)
    {
        if (!results.Trials.Any(t => t.Metrics.Any(m => metric(m) is not null))) return null;
        var colourValues = colourBy is null ? [] : results.Trials.Select(t => t.Values[colourBy]).Distinct().ToList();
        var styleValues = styleBy is null ? [] : results.Trials.Select(t => t.Values[styleBy]).Distinct().ToList();
        bool labelEach = configurations.Count <= 12;
        // More values than colours tell apart (a search): colour by rank instead, four groups.
        bool byRank = colourValues.Count > 8;
        string[] quarters = ["best quarter", "second quarter", "third quarter", "worst quarter"];
        var seen = new HashSet<string>();
        var series = configurations.OrderByDescending(c => c.Rank).Select(c =>
        {
            int quarter = Math.Min(3, (c.Rank - 1) * 4 / Math.Max(1, configurations.Count));
            int colour = byRank ? quarter : colourBy is null ? 0 : colourValues.IndexOf(c.Values[colourBy]);
            int style = byRank || styleBy is null ? 0 : Math.Min(styleValues.IndexOf(c.Values[styleBy]), 3);
            var points = OverSeeds(c.Trials.Select(t => t.Metrics).ToList(), metric);
            string? label = byRank ? (seen.Add(quarters[quarter]) ? quarters[quarter] : null)
                : labelEach ? Short(c, colourBy, styleBy) : colourBy is not null && seen.Add(c.Values[colourBy])
                ? $"{colourBy}={c.Values[colourBy]}" : null;
            return new Series(label, colour, points, Markers: points.Count <= 2,
                Uncertainty: c.Trials.Count > 1 && !byRank ? Uncertainty.Band : Uncertainty.None, Style: style);
        }).ToList();
        if (byRank) series = series.OrderBy(s => s.Colour).ToList(); // the legend lists the best quarter first
        var rungs = results.Trials.Where(t => t.Status == TrialState.Pruned).Select(t => t.Epochs).Distinct().Order()
            .Select(e => new Mark(e, $"rung {e}")).ToList();
        string seeds = configurations.Any(c => c.Trials.Count > 1) ? ", mean and range over seeds" : "";
        string colours = byRank ? $", coloured by rank on {results.Selection.Label}" : "";
        return new XyChart($"Learning curves: {what} per epoch{seeds}{colours}", slug,
            new Axis("epoch", Whole: true), new Axis(what, Max: max), series, Marks: rungs);
    }
}
