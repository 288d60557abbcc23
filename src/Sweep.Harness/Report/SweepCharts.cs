using System.Globalization;
using Sweep.Data.Catalogue;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Report.Importance;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// The charts of one sweep's page, described (not drawn), chosen from the sweep's shape, each answering a question:
/// how did training go (learning curves; train against validation for the winner), what did each parameter do (the
/// metric against it; for a grid of two or more, a heatmap of the two that matter most and their interaction; for a
/// search, points never joined and the best so far), which configuration won and by how much (ranked), at what cost
/// (against training time, with the Pareto front), and what the winner gets wrong (confusion matrix, misclassified
/// images, with the data set's class names). Every ranking uses the selection metric (validation).
/// </summary>
public static partial class SweepCharts
{
    /// <param name="colourBy">The varying key learning curves are coloured by; the first configuration key if
    /// null.</param>
    /// <param name="shape">The study's shape when the caller has it already (it fits a forest).</param>
    public static IReadOnlyList<Chart> For(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string? colourBy = null, StudyShape? shape = null)
    {
        var keys = results.ConfigurationKeys;
        colourBy ??= keys.FirstOrDefault();
        string? styleBy = keys.FirstOrDefault(k => k != colourBy);
        var selection = results.Selection;
        shape ??= StudyShape.Of(results, configurations);
        var charts = Curves(results, configurations, colourBy, styleBy);
        var best = configurations.FirstOrDefault()?.RepresentativeBy(selection);
        if (best is not null) charts.Add(TrainAgainstValidation(best));
        if (shape.IsSearch)
        {
            foreach (var key in keys.Where(k => results.Trials.Any(t => results.Drew(t.Values, k))))
                charts.Add(MetricAgainst(results, key, selection, joined: false));
            charts.Add(BestSoFar(results, selection));
            if (shape.Important.Count >= 2)
                charts.Add(Pairwise(results, shape.Important[0], shape.Important[1], selection));
        }
        else
        {
            foreach (var key in keys) charts.Add(MetricAgainst(results, key, selection, joined: true));
            if (shape.Important.Count >= 2)
            {
                charts.Add(Grid(results, configurations, shape.Important[0], shape.Important[1], selection));
                charts.Add(Interaction(results, configurations, shape.Important[0], shape.Important[1], selection));
            }
        }
        if (shape.Importance is { } importance) charts.Add(ImportanceChart(importance, selection));
        // Ranking and a Pareto front compare configurations: with one (a classic network over seeds) they would be a
        // single point, and the table above says it all.
        if (configurations.Count > 1)
        {
            charts.Add(Ranked(configurations, selection));
            charts.Add(AgainstTime(configurations, selection));
        }
        if (best is not null)
        {
            var folder = results.Layout.Trial(best.Id);
            var classes = ClassNames(best);
            if (ConfusionFile.Read(folder.Confusion) is { } counts)
                charts.Add(HeatmapChart.Confusion($"Confusion matrix of the winner (trial {best.Id}, its typical seed)",
                    "confusion",
                    counts.Select((_, c) => classes.ElementAtOrDefault(c) ?? c.ToString(CultureInfo.InvariantCulture))
                    .ToList(), counts));
            var wrong = MisclassifiedFile.Read(folder.Misclassified);
            string Name(int c) => classes.ElementAtOrDefault(c) ?? c.ToString(CultureInfo.InvariantCulture);
            charts.Add(new ImageGridChart($"Test images the winner gets wrong (trial {best.Id}): true → predicted",
                "misclassified",
                wrong.Select(w => new CaptionedImage(w.Columns, w.Rows, w.Pixels,
                $"{Name(w.Label)} → {Name(w.Predicted)}")).ToList()));
        }
        if (keys.Count > 1) charts.Add(Parallel(results, selection));
        return charts;
    }

    /// <summary>The data set's class names ("T-shirt/top", ...), or the digits.</summary>
    public static IReadOnlyList<string> ClassNames(TrialResult trial) =>
        trial.Settings.TryGetValue("data.dataset", out var name) && DatasetCatalogue.TryGet(name, out var entry)
        ? entry.ClassNames : [];

    /// <summary>One line per configuration: colour by one key, line pattern by another, mean with the range over seeds
    /// as a band; trials cut early (halving, early stopping) end where they stopped, with a marker when they ran one
    /// epoch; the rungs of successive halving as dotted lines.</summary>
    private static string Short(ConfigurationSummary c, string? a, string? b) =>
        string.Join(", ", new[] { a, b }.OfType<string>().Select(k => $"{Tail(k)}={c.Values[k]}")) is { Length: > 0 } s
        ? s : c.Label;

    /// <summary>"lr=0.01 hidden=[16]" for "optimizer.lr=0.01 model.hidden=[16]": a chart's labels are narrow.</summary>
    internal static string ShortLabel(string label) => SectionPrefix().Replace(label, "");

    /// <summary>"optimizer." in "optimizer.lr=0.01": what a label can leave out.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=^|\s)(?:[A-Za-z_]+\.)+(?=[A-Za-z_][\w-]*=)")]
    private static partial System.Text.RegularExpressions.Regex SectionPrefix();

    /// <summary>"optimizer.lr" → "lr": legends are narrow.</summary>
    private static string Tail(string key) => key[(key.LastIndexOf('.') + 1)..];

    /// <summary>Training and validation accuracy of one trial: where the two part, it overfits.</summary>
    private static XyChart TrainAgainstValidation(TrialResult trial)
    {
        var train = trial.Metrics.Where(m => m.TrainAccuracy is not null)
            .Select(m => new DataPoint(m.Epoch, m.TrainAccuracy!.Value)).ToList();
        var validation = trial.Metrics.Where(m => m.ValidationAccuracy is not null)
            .Select(m => new DataPoint(m.Epoch, m.ValidationAccuracy!.Value)).ToList();
        var marks = trial.TestedEpoch is int tested && tested != trial.Epochs
            ? [new Mark(tested, $"tested: epoch {tested}")] : new List<Mark>();
        return new XyChart($"The winner (trial {trial.Id}): training against validation accuracy",
            "train-vs-validation",
            new Axis("epoch", Whole: true), new Axis("accuracy", Max: 1),
            [new Series("training", 0, train, Markers: train.Count <= 2),
            new Series("validation", 1, validation, Markers: validation.Count <= 2)], Marks: marks);
    }

    /// <summary>Mean per epoch over the seeds that reached it, with min and max as the band.</summary>
    internal static List<DataPoint> OverSeeds(IReadOnlyList<IReadOnlyList<EpochRow>> runs,
        Func<EpochRow, double?> metric)
    {
        int epochs = runs.Select(r => r.Count).DefaultIfEmpty(0).Max();
        var points = new List<DataPoint>();
        for (int e = 0; e < epochs; e++)
        {
            var values = runs.Where(r => r.Count > e).Select(r => metric(r[e])).OfType<double>().Where(double.IsFinite)
                .ToList();
            if (values.Count > 0) points.Add(new DataPoint(e + 1, values.Average(), values.Min(), values.Max()));
        }
        return points;
    }

    /// <summary>The selection metric against one parameter: every trial, and for a grid the mean ± sd per value
    /// joined in order; for a search the trials alone (joining random draws in x order draws a zig-zag).</summary>
    private static XyChart MetricAgainst(SweepResults results, string key, Selection selection, bool joined)
    {
        // A conditional key's default, kept where it was not drawn, is not a value tried: those trials stay off.
        var drew = results.Trials.Where(t => results.Drew(t.Values, key)).ToList();
        var scale = new ParameterScale(key, drew.Select(t => t.Values[key]),
            results.Distributions.GetValueOrDefault(key));
        var trials = drew.Where(t => selection.Of(t) is not null).ToList();
        var each = trials.Select(t => new DataPoint(scale.Position(t.Values[key]), selection.Of(t)!.Value)).ToList();
        var series = new List<Series> { new("trial", joined ? 4 : 0, each, Line: false, Markers: true) };
        if (joined)
        {
            var means = trials.GroupBy(t => t.Values[key]).Select(g =>
            {
                var s = Statistic.Of(g.Select(selection.Of));
                return new DataPoint(scale.Position(g.Key), s.Mean!.Value, s.Mean - (s.Sd ?? 0), s.Mean + (s.Sd ?? 0));
            }).OrderBy(p => p.X).ToList();
            series.Add(
                new Series("mean ± sd", 0, means, Line: scale.IsNumeric, Markers: true,
                Uncertainty: Uncertainty.ErrorBars));
        }
        string drawn = results.Conditions.TryGetValue(key, out var condition)
            ? $" (the {trials.Count} trials that drew it: {condition})" : "";
        return new XyChart($"{Capital(selection.Label)} against {key}{drawn}", "metric-vs-" + Slug(key),
            scale.Axis(), MetricAxis(selection), series);
    }

    private static Axis MetricAxis(Selection selection) =>
        new(selection.Label, Max: selection.HigherIsBetter ? 1 : null);

    /// <summary>"Validation accuracy"; a program's metric keeps its name as written (val_f1).</summary>
    private static string Capital(string s) => s.Length == 0 || s.Contains('_') ? s
        : char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>A search's best selection metric so far against the trial number, in plan order: has it levelled
    /// off?</summary>
    private static XyChart BestSoFar(SweepResults results, Selection selection)
    {
        var points = new List<DataPoint>();
        var each = new List<DataPoint>();
        double? best = null;
        for (int i = 0; i < results.Trials.Count; i++)
        {
            if (selection.Of(results.Trials[i]) is not double v) continue;
            each.Add(new DataPoint(i + 1, v));
            double next = best is null ? v : selection.HigherIsBetter ? Math.Max(best.Value, v)
                : Math.Min(best.Value, v);
            // A step: the best holds until a trial beats it, then rises at that trial; never a diagonal between.
            if (best is double held && next != held) points.Add(new DataPoint(i + 1, held));
            points.Add(new DataPoint(i + 1, next));
            best = next;
        }
        // Where the random start-up ends, and then each batch TPE proposed from the results before it.
        IReadOnlyList<Mark>? marks = results.SearchStartup is int startup && startup < results.Trials.Count
            ? [new Mark(startup + 0.5, "random start-up ends"), .. BatchStarts(results, startup)] : null;
        return new XyChart($"Best {selection.Label} so far, trial by trial", "best-so-far",
            new Axis("trial (plan order)", Whole: true), MetricAxis(selection),
            [new Series("trial", 4, each, Line: false, Markers: true), new Series("best so far", 0, points)], marks);
    }

    /// <summary>Two parameters of a search against each other, each trial coloured by its quarter of the
    /// metric.</summary>
    private static XyChart Pairwise(SweepResults results, string a, string b, Selection selection)
    {
        var sa = Scale(results, a);
        var sb = Scale(results, b);
        var scored = results.Trials.Where(t => selection.Of(t) is not null)
            .OrderBy(t => selection.HigherIsBetter ? -selection.Of(t)!.Value : selection.Of(t)!.Value).ToList();
        string[] names = ["best quarter", "second quarter", "third quarter", "worst quarter"];
        var series = Enumerable.Range(0, 4).Select(q =>
        {
            var members = scored.Where((_, i) => i * 4 / Math.Max(1, scored.Count) == q);
            return new Series(names[q], q,
                members.Select(t => new DataPoint(sa.Position(t.Values[a]), sb.Position(t.Values[b]))).ToList(),
                Line: false, Markers: true);
        }).Reverse().ToList(); // best drawn last, on top
        return new XyChart($"{a} against {b}, trials coloured by {selection.Label}", "pairwise", sa.Axis(), sb.Axis(),
            series);
    }

    /// <summary>The mean selection metric of every combination of two parameters, written in its cell.</summary>
    private static HeatmapChart Grid(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string a, string b, Selection selection)
    {
        // Laid out as the sweep file lists the two keys (the first across), whichever matters more, so the heatmap's
        // orientation does not flip between studies of the same keys.
        if (results.VaryingKeys.ToList().IndexOf(b) < results.VaryingKeys.ToList().IndexOf(a)) (a, b) = (b, a);
        var columns = Scale(results, a).Values;
        var rows = Scale(results, b).Values;
        var cells = rows.Select(r => columns.Select(col => Statistic.Of(configurations
            .Where(c => c.Values[a] == col && c.Values[b] == r).SelectMany(c => c.Trials).Select(selection.Of)))
            .ToArray()).ToArray();
        var values = cells.Select(row => row.Select(s => s.Mean ?? double.NaN).ToArray()).ToArray();
        // Each cell's mean and, over several trials, its sd: is a neighbour's lead within the noise?
        string[][] text = cells.Select(row => row.Select(s => s.Mean is not double m ? ""
            : m.ToString("F3", CultureInfo.InvariantCulture) + (s.Sd is double sd
                ? "\n±" + sd.ToString("F3", CultureInfo.InvariantCulture) : "")).ToArray()).ToArray();
        (int Row, int Column)? best = null;
        // When each cell is one configuration, the outline is the winner the page names (ties broken as it breaks
        // them), not whichever tied cell comes first.
        if (results.ConfigurationKeys.Count == 2 && configurations.FirstOrDefault(c => c.Score is not null) is { } won)
            best = (rows.ToList().IndexOf(won.Values[b]), columns.ToList().IndexOf(won.Values[a]));
        else
        {
            for (int r = 0; r < rows.Count; r++)
                for (int c = 0; c < columns.Count; c++)
                    if (double.IsFinite(values[r][c]) && (best is not (int br, int bc)
                        || (selection.HigherIsBetter ? values[r][c] > values[br][bc] : values[r][c] < values[br][bc])))
                        best = (r, c);
        }
        return new HeatmapChart($"Mean {selection.Label} over {a} and {b} (best outlined)",
            "grid-" + Slug(a) + "-" + Slug(b), a, b, columns, rows, values, text,
            HeatmapShading.Global, selection.Label)
        {
            Outlined = best is var (row, column) ? new HeatmapCell(row, column) : null,
            LowerIsBetter = !selection.HigherIsBetter,
        };
    }

    /// <summary>Does one parameter's effect depend on the other? The metric against a, one line per value of
    /// b.</summary>
    private static XyChart Interaction(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string a, string b, Selection selection)
    {
        var scale = Scale(results, a);
        var lines = Scale(results, b).Values.Select((value, i) =>
            new Series($"{Tail(b)}={value}", i,
            configurations.Where(c => c.Values[b] == value && c.Selected.Mean is not null)
                .Select(c => new DataPoint(scale.Position(c.Values[a]), c.Selected.Mean!.Value,
                c.Selected.Mean - (c.Selected.Sd ?? 0), c.Selected.Mean + (c.Selected.Sd ?? 0)))
                .OrderBy(p => p.X).ToList(), Markers: true, Uncertainty: Uncertainty.ErrorBars)).ToList();
        return new XyChart($"Interaction: {selection.Label} against {a}, one line per {b}", "interaction", scale.Axis(),
            MetricAxis(selection), lines);
    }

    /// <summary>Each key's share of the selection metric's variance that it explains alone, most important first, with
    /// the standard error of the forest's mean (importance.csv has the spread over trees itself).</summary>
    private static XyChart ImportanceChart(IReadOnlyList<KeyImportance> importance, Selection selection)
    {
        double Error(KeyImportance i) => i.Sd / Math.Sqrt(RegressionForest.Trees);
        var points = importance.Select((i, x) => new DataPoint(x, i.Share, i.Share - Error(i), i.Share + Error(i)))
            .ToList();
        // What no key explains alone: the keys' interactions, and the seeds' noise. A large rest says the keys act
        // together (read the heatmap or the pairwise chart), not that none matters.
        double rest = Math.Max(0, 1 - importance.Sum(i => i.Share));
        return new XyChart($"Which keys matter: share of the variance of {selection.Label} each explains alone",
            "importance",
            new Axis("key", Categories: [.. importance.Select(i => i.Key), RestLabel]),
            new Axis($"share of variance (fANOVA, {RegressionForest.Trees} trees, ± se)", Max: 1, Min: 0),
            [new Series(null, 0, points, Line: false, Uncertainty: Uncertainty.ErrorBars, Bars: true),
            new Series(null, 6, [new DataPoint(importance.Count, rest)], Line: false, Bars: true)]);
    }

    /// <summary>Where each of a model-based search's later batches starts on the best-so-far axis (trials in plan
    /// order), unlabelled: at most 12, past which they would hide the line.</summary>
    private static IEnumerable<Mark> BatchStarts(SweepResults results, int startup)
    {
        if (results.SearchBatch is not int batch || batch <= 0) yield break;
        int count = (results.Trials.Count - startup - 1) / batch;
        if (count > 12) yield break;
        for (int k = 1; k <= count; k++) yield return new Mark(startup + k * batch + 0.5, "");
    }

    /// <summary>The importance chart's last bar: the variance no key explains alone.</summary>
    internal const string RestLabel = "interactions and noise";

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
            [new Series(null, 0, points, Line: false, Markers: true, Uncertainty: Uncertainty.ErrorBars)]);
    }

    /// <summary>Each configuration's mean metric against its mean training time, and the Pareto front: the
    /// configurations that no other beats on both.</summary>
    private static XyChart AgainstTime(IReadOnlyList<ConfigurationSummary> configurations, Selection selection)
    {
        var scored = configurations.Where(c => c.Score is not null && c.TrainSeconds.Mean is not null).ToList();
        var points = scored.Select(c => new DataPoint(c.TrainSeconds.Mean!.Value, c.Selected.Mean!.Value)).ToList();
        double Better(double v) => selection.HigherIsBetter ? v : -v;
        // The front of configurations trained to the end: one cut by halving stopped early, so its time is not a
        // full configuration's. Drawn as a staircase: the best reachable in a given time holds until a slower
        // configuration beats it.
        var complete = scored.Where(c => c.Trials.All(t => t.Status != TrialState.Pruned))
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
            [new Series("configuration", 4, points, Line: false, Markers: true),
            new Series("Pareto front", 3, front)]);
    }

    private static ParallelCoordinatesChart Parallel(SweepResults results, Selection selection)
    {
        var scales = results.ConfigurationKeys.Select(k => Scale(results, k)).ToList();
        // A key a trial did not draw (a search's `when:`) has no position on its axis: the line breaks there rather
        // than pass through the default it kept, which was never a value tried.
        var lines = results.Trials.Where(t => selection.Of(t) is not null)
            .Select(t => scales.Select(s => results.Drew(t.Values, s.Key) ? s.Position(t.Values[s.Key]) : double.NaN)
            .Append(selection.Of(t)!.Value).ToArray())
            .ToList();
        // Side by side, full names run into each other: "lr" for optimizer.lr, unless two keys end alike.
        var tails = scales.Select(s => Tail(s.Key)).ToList();
        bool unique = tails.Distinct().Count() == tails.Count;
        return new ParallelCoordinatesChart($"Every trial across the parameters, coloured by {selection.Label}",
            "parallel-coordinates",
            [.. scales.Select(s => s.ParallelAxis() with { Label = unique ? Tail(s.Key) : s.Key }),
            new ParallelAxis(selection.Label)], lines, selection.Label);
    }

    internal static string Slug(string key) => new(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    /// <summary>How a key is laid out on every chart of the page, from all trials in plan order.</summary>
    /// <remarks>From the trials that drew the key: a default kept where a search's `when:` did not hold is no value
    /// tried, and must not stretch the axis.</remarks>
    private static ParameterScale Scale(SweepResults results, string key)
    {
        var drew = results.Trials.Where(t => results.Drew(t.Values, key)).ToList();
        return new(key, (drew.Count > 0 ? drew : results.Trials).Select(t => t.Values[key]),
            results.Distributions.GetValueOrDefault(key));
    }
}
