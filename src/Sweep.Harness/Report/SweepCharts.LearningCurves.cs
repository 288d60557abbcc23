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
        var colours = colourBy is null ? null : Scale(results, colourBy);
        // Line patterns tell four values apart at most; past that they would repeat unexplained.
        var styles = styleBy is null || Scale(results, styleBy) is not { Values.Count: <= 4 } s ? null : s;
        bool labelEach = configurations.Count <= 12;
        // More values than colours tell apart (a search): colour by rank instead, four groups, on the page's colours
        // for how good a result is.
        bool byRank = colours is { Values.Count: > 8 };
        string[] quarters = ["best quarter", "second quarter", "third quarter", "worst quarter"];
        var seen = new HashSet<string>();
        // A band per line while the lines are few enough to name; past that, bands would veil every line.
        bool bands = labelEach && configurations.Any(c => c.Trials.Count > 1);
        // Drawn worst first, so the best lie on top; the legend lists the key's values in order.
        var series = configurations.OrderByDescending(c => c.Rank).Select(c =>
        {
            int quarter = Math.Min(3, (c.Rank - 1) * 4 / Math.Max(1, configurations.Count));
            int colourAt = colours is null ? 0 : colours.IndexOf(c.Values[colourBy!]);
            int style = byRank || styles is null ? 0 : styles.IndexOf(c.Values[styleBy!]);
            string colour = byRank ? Palette.GoodnessOnWhite(1 - quarter / 3.0)
                : colours?.Colour(c.Values[colourBy!]) ?? Palette.Summary;
            var points = OverSeeds(c.Trials.Select(t => t.Metrics).ToList(), metric);
            (string? label, int order) = byRank ? (seen.Add(quarters[quarter]) ? quarters[quarter] : null, quarter)
                : labelEach ? (Short(c, colourBy, styles is null ? null : styleBy), colourAt * 8 + style)
                : (colourBy is not null && seen.Add(c.Values[colourBy]) ? $"{Tail(colourBy)}={c.Values[colourBy]}"
                : null, colourAt);
            return new Series(label, colour, points, Markers: points.Count <= 2,
                Uncertainty: bands ? Uncertainty.Band : Uncertainty.None, Style: style,
                LegendOrder: order);
        }).ToList();
        // Lines named by colour alone: the patterns get their own entries, in grey, after the colours.
        if (!byRank && !labelEach && styles is not null)
            series.AddRange(styles.Values.Select((v, i) =>
                new Series($"{Tail(styleBy!)}={v}", Palette.Trial, [], Style: i, LegendOrder: 1000 + i)));
        var rungs = results.Trials.Where(t => t.Status == TrialState.Pruned).Select(t => t.Epochs).Distinct().Order()
            .Select(e => new Mark(e, $"rung {e}")).ToList();
        string seeds = bands ? ", mean and range over seeds"
            : configurations.Any(c => c.Trials.Count > 1) ? ", mean over seeds" : "";
        string colouring = byRank ? $", coloured by rank on {results.Selection.Label}" : "";
        return new XyChart($"Learning curves: {what} per epoch{seeds}{colouring}", slug,
            new Axis("epoch", Whole: true), new Axis(what, Max: max), series, Marks: rungs);
    }
}
