using Sweep.Harness.Report.Charts;
using Sweep.Harness.Run;

namespace Sweep.Harness.Report;

/// <summary>The charts of one sweep's page, described (not drawn): any <see cref="IChartRenderer"/> can draw them.</summary>
public static class SweepCharts
{
    /// <param name="colourBy">The varying key learning curves are coloured by; the first configuration key if null.</param>
    public static IReadOnlyList<Chart> For(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations, string? colourBy = null)
    {
        colourBy ??= results.ConfigurationKeys.FirstOrDefault();
        var colours = ColourIndex(results, configurations, colourBy);
        var charts = new List<Chart>
        {
            LearningCurve(results, configurations, colours, colourBy, loss: false),
            LearningCurve(results, configurations, colours, colourBy, loss: true),
        };
        foreach (var key in results.ConfigurationKeys) charts.Add(AccuracyAgainst(results, key));
        charts.Add(Ranked(configurations, results.Selection));
        charts.Add(AccuracyAgainstTime(configurations, colours, colourBy));
        if (configurations.FirstOrDefault()?.RepresentativeBy(results.Selection) is { } best)
        {
            var folder = results.Layout.Trial(best.Id);
            if (ConfusionFile.Read(folder.Confusion) is { } counts)
            {
                var classes = Enumerable.Range(0, counts.Length).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
                charts.Add(new HeatmapChart($"Confusion matrix of the best configuration (trial {best.Id})", "confusion", "predicted", "actual", classes, classes, counts));
            }
            var wrong = MisclassifiedFile.Read(folder.Misclassified);
            charts.Add(new ImageGridChart($"Misclassified test images of trial {best.Id} (true → predicted)", "misclassified",
                wrong.Select(w => new CaptionedImage(w.Columns, w.Rows, w.Pixels, $"{w.Label} → {w.Predicted}")).ToList()));
        }
        if (results.ConfigurationKeys.Count > 0) charts.Add(Parallel(results));
        return charts;
    }

    /// <summary>Colour of each configuration: one per value of the colour-by key, in plan order.</summary>
    private static Dictionary<ConfigurationSummary, (int Colour, string? Legend)> ColourIndex(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations, string? colourBy)
    {
        if (colourBy is null) return configurations.ToDictionary(c => c, c => (0, (string?)null));
        var order = results.Trials.Select(t => t.Values.GetValueOrDefault(colourBy, "")).Distinct().ToList();
        return configurations.ToDictionary(c => c, c =>
        {
            string v = c.Values.GetValueOrDefault(colourBy, "");
            return (order.IndexOf(v), (string?)v);
        });
    }

    private static XyChart LearningCurve(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        Dictionary<ConfigurationSummary, (int Colour, string? Legend)> colours, string? colourBy, bool loss)
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
        var series = configurations.OrderByDescending(c => c.Rank).Select(c => new Series(colours[c].Legend, colours[c].Colour,
            OverSeeds(c.Trials.Select(t => t.Metrics).ToList(), metric), Uncertainty: c.Trials.Count > 1 ? Uncertainty.Band : Uncertainty.None)).ToList();
        string seeds = configurations.Any(c => c.Trials.Count > 1) ? ", mean and range over seeds" : "";
        return new XyChart($"Learning curves: {what} per epoch{seeds}", loss ? "learning-curves-loss" : "learning-curves-accuracy",
            new Axis("epoch"), new Axis(what), series, colourBy);
    }

    /// <summary>Mean per epoch over the seeds that reached it, with min and max as the band.</summary>
    internal static List<DataPoint> OverSeeds(IReadOnlyList<IReadOnlyList<EpochRow>> runs, Func<EpochRow, double?> metric)
    {
        int epochs = runs.Select(r => r.Count).DefaultIfEmpty(0).Max();
        var points = new List<DataPoint>();
        for (int e = 0; e < epochs; e++)
        {
            var values = runs.Where(r => r.Count > e).Select(r => metric(r[e])).OfType<double>().Where(double.IsFinite).ToList();
            if (values.Count > 0) points.Add(new DataPoint(e + 1, values.Average(), values.Min(), values.Max()));
        }
        return points;
    }

    private static XyChart AccuracyAgainst(SweepResults results, string key)
    {
        var scale = new ParameterScale(key, results.Trials.Select(t => t.Values[key]));
        var trials = results.Trials.Where(t => t.TestAccuracy is not null).ToList();
        var each = trials.Select(t => new DataPoint(scale.Position(t.Values[key]), t.TestAccuracy!.Value)).ToList();
        var means = trials.GroupBy(t => t.Values[key]).Select(g =>
        {
            var s = Statistic.Of(g.Select(t => t.TestAccuracy));
            return new DataPoint(scale.Position(g.Key), s.Mean!.Value, s.Mean - (s.Sd ?? 0), s.Mean + (s.Sd ?? 0));
        }).OrderBy(p => p.X).ToList();
        return new XyChart($"Test accuracy against {key}", "accuracy-vs-" + Slug(key), scale.Axis(), new Axis("test accuracy"),
        [
            new Series("trial", 4, each, Line: false, Markers: true),
            new Series("mean ± sd", 0, means, Line: scale.IsNumeric, Markers: true, Uncertainty: Uncertainty.ErrorBars),
        ]);
    }

    private static XyChart Ranked(IReadOnlyList<ConfigurationSummary> configurations, Selection selection)
    {
        var shown = configurations.Where(c => c.Score is not null).Take(25).ToList();
        var points = shown.Select((c, i) => new DataPoint(i, c.Selected.Mean!.Value, c.Selected.Mean - (c.Selected.Sd ?? 0), c.Selected.Mean + (c.Selected.Sd ?? 0))).ToList();
        string title = configurations.Count > shown.Count ? $"Top {shown.Count} of {configurations.Count} configurations" : "Configurations ranked";
        return new XyChart($"{title} by mean {selection.Label} (± sd over seeds)", "ranked",
            new Axis("configuration", Categories: shown.Select(c => c.Label).ToList()), new Axis(selection.Label),
            [new Series(null, 0, points, Line: false, Markers: true, Uncertainty: Uncertainty.ErrorBars)]);
    }

    private static XyChart AccuracyAgainstTime(IReadOnlyList<ConfigurationSummary> configurations, Dictionary<ConfigurationSummary, (int Colour, string? Legend)> colours, string? colourBy)
    {
        var series = configurations.Select(c => new Series(colours[c].Legend, colours[c].Colour,
            c.Trials.Where(t => t.TestAccuracy is not null).Select(t => new DataPoint(t.TrainSeconds, t.TestAccuracy!.Value)).ToList(), Line: false, Markers: true)).ToList();
        return new XyChart("Test accuracy against training time", "accuracy-vs-time", new Axis("training time (s)"), new Axis("test accuracy"), series, colourBy);
    }

    private static ParallelCoordinatesChart Parallel(SweepResults results)
    {
        var scales = results.ConfigurationKeys.Select(k => new ParameterScale(k, results.Trials.Select(t => t.Values[k]))).ToList();
        var lines = results.Trials.Where(t => t.TestAccuracy is not null)
            .Select(t => scales.Select(s => s.Position(t.Values[s.Key])).Append(t.TestAccuracy!.Value).ToArray()).ToList();
        return new ParallelCoordinatesChart("Every trial across the parameters, coloured by test accuracy", "parallel-coordinates",
            [.. scales.Select(s => s.ParallelAxis()), new ParallelAxis("test accuracy")], lines, "test accuracy");
    }

    internal static string Slug(string key) => new(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
}
