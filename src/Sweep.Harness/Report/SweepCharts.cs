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
    /// <param name="colourBy">The varying key the page colours by (learning curves, the interaction's lines); if
    /// null, a grid's second most important key (the interaction's lines) or the first configuration key.</param>
    /// <param name="shape">The study's shape when the caller has it already (it fits a forest).</param>
    public static IReadOnlyList<Chart> For(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string? colourBy = null, StudyShape? shape = null)
    {
        var keys = results.ConfigurationKeys;
        var selection = results.Selection;
        shape ??= StudyShape.Of(results, configurations);
        // One key's colours on the whole page: a value is the same colour on the learning curves and the interaction.
        colourBy ??= !shape.IsSearch && shape.Important.Count >= 2 ? shape.Important[1] : keys.FirstOrDefault();
        string? styleBy = keys.FirstOrDefault(k => k != colourBy);
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
                var (across, lines) = colourBy == shape.Important[0] ? (shape.Important[1], shape.Important[0])
                    : (shape.Important[0], shape.Important[1]);
                charts.Add(Interaction(results, configurations, across, lines, selection, lines == colourBy));
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
            [new Series("training", Palette.Trial, train, Markers: train.Count <= 2, Style: 1),
            new Series("validation", Palette.Summary, validation, Markers: validation.Count <= 2)], Marks: marks);
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
        var series = TrialPoints(trials, [.. trials.Select(t => scale.Position(t.Values[key]))], selection);
        if (joined)
        {
            var means = trials.GroupBy(t => t.Values[key]).Select(g =>
            {
                var s = Statistic.Of(g.Select(selection.Of));
                return new DataPoint(scale.Position(g.Key), s.Mean!.Value, s.Mean - (s.Sd ?? 0), s.Mean + (s.Sd ?? 0));
            }).OrderBy(p => p.X).ToList();
            series.Add(
                new Series("mean ± sd", Palette.Summary, means, Line: scale.IsNumeric, Markers: true,
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
        var scored = results.Trials.Select((t, i) => (Trial: t, Number: i + 1)).Where(s => selection.Of(s.Trial)
            is not null).ToList();
        var points = BestSoFarSteps(results.Trials, selection);
        // Where the random start-up ends, and then each batch TPE proposed from the results before it.
        IReadOnlyList<Mark>? marks = results.SearchStartup is int startup && startup < results.Trials.Count
            ? [new Mark(startup + 0.5, "random start-up ends"), .. BatchStarts(results, startup)] : null;
        return new XyChart($"Best {selection.Label} so far, trial by trial", "best-so-far",
            new Axis("trial (plan order)", Whole: true), MetricAxis(selection),
            [.. TrialPoints([.. scored.Select(s => s.Trial)], [.. scored.Select(s => (double)s.Number)], selection),
            new Series("best so far", Palette.Summary, points)], marks);
    }

    /// <summary>The best selection metric so far against the trial number (plan order), as a step: the best holds
    /// until a trial beats it, then rises at that trial, never a diagonal between.</summary>
    internal static List<DataPoint> BestSoFarSteps(IReadOnlyList<TrialResult> trials, Selection selection)
    {
        var points = new List<DataPoint>();
        double? best = null;
        for (int i = 0; i < trials.Count; i++)
        {
            if (selection.Of(trials[i]) is not double v) continue;
            double next = best is null ? v : selection.HigherIsBetter ? Math.Max(best.Value, v)
                : Math.Min(best.Value, v);
            if (best is double held && next != held) points.Add(new DataPoint(i + 1, held));
            points.Add(new DataPoint(i + 1, next));
            best = next;
        }
        return points;
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
            return new Series(names[q], Palette.GoodnessOnWhite(1 - q / 3.0),
                members.Select(t => new DataPoint(sa.Position(t.Values[a]), sb.Position(t.Values[b]))).ToList(),
                Line: false, Markers: true, LegendOrder: q);
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
        var trials = rows.Select(r => columns.Select(col => configurations
            .Where(c => c.Values[a] == col && c.Values[b] == r).SelectMany(c => c.Trials).ToList()).ToArray())
            .ToArray();
        var cells = trials.Select(row => row.Select(ts => Statistic.Of(ts.Select(selection.Of))).ToArray()).ToArray();
        var values = cells.Select(row => row.Select(s => s.Mean ?? double.NaN).ToArray()).ToArray();
        string[][] text = cells.Select((row, r) => row.Select((s, c) => CellText(s, trials[r][c])).ToArray())
            .ToArray();
        bool partial = trials.Any(row => row.Any(ts => ts.Any(t => t.Status == TrialState.Pruned)));
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
        string stopped = partial ? "; ep N: halving stopped it at epoch N" : "";
        return new HeatmapChart($"Mean {selection.Label} over {a} and {b} (best outlined{stopped})",
            "grid-" + Slug(a) + "-" + Slug(b), a, b, columns, rows, values, text,
            HeatmapShading.Global, selection.Label)
        {
            Outlined = best is var (row, column) ? new HeatmapCell(row, column) : null,
            LowerIsBetter = !selection.HigherIsBetter,
        };
    }

    /// <summary>A heatmap cell's mean and, over several trials, its sd (is a neighbour's lead within the noise?); a
    /// result halving stopped early says at which epoch, so that it is not read as the equal of a full one.</summary>
    private static string CellText(Statistic s, IReadOnlyList<TrialResult> trials)
    {
        if (s.Mean is not double m) return "";
        string text = m.ToString("F3", CultureInfo.InvariantCulture);
        if (s.Sd is double sd) text += "\n±" + sd.ToString("F3", CultureInfo.InvariantCulture);
        if (trials.Where(t => t.Status == TrialState.Pruned).Select(t => t.Epochs).DefaultIfEmpty().Max() is > 0 and
            var epoch)
            text += "\nep " + epoch.ToString(CultureInfo.InvariantCulture);
        return text;
    }

    /// <summary>Does one parameter's effect depend on the other? The metric against a, one line per value of
    /// b.</summary>
    /// <param name="pageColours">Whether b is the key the page colours by, so its lines take the page's colours;
    /// otherwise categorical ones, which mean nothing else on the page.</param>
    private static XyChart Interaction(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        string a, string b, Selection selection, bool pageColours)
    {
        var scale = Scale(results, a);
        var lineScale = Scale(results, b);
        var lines = new List<Series>();
        foreach (var (value, i) in lineScale.Values.Select((v, i) => (v, i)))
        {
            string colour = pageColours ? lineScale.Colour(value) : Palette.Category(i);
            var members = configurations.Where(c => c.Values[b] == value && c.Selected.Mean is not null)
                .OrderBy(c => scale.Position(c.Values[a])).ToList();
            var points = members.Select(c => new DataPoint(scale.Position(c.Values[a]), c.Selected.Mean!.Value,
                c.Selected.Mean - (c.Selected.Sd ?? 0), c.Selected.Mean + (c.Selected.Sd ?? 0))).ToList();
            lines.Add(new Series($"{Tail(b)}={value}", colour, points, Uncertainty: Uncertainty.ErrorBars,
                LegendOrder: i));
            // Markers apart, hollow where halving stopped the configuration early.
            lines.AddRange(ByBudget(points, k => Partial(members[k]), null, colour));
        }
        // One legend entry for the hollow markers of every line, in the grey of what a summary is made of.
        if (configurations.Any(Partial))
            lines.Add(new Series(PartialLabel, Palette.Trial, [], Line: false, Markers: true, Shape: MarkerKind.Hollow,
                LegendOrder: 1000));
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
            [new Series(null, Palette.Trial, points, Line: false, Uncertainty: Uncertainty.ErrorBars, Bars: true),
            new Series(null, Palette.Rest, [new DataPoint(importance.Count, rest)], Line: false, Bars: true)]);
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
            new ParallelAxis(selection.Label)], lines, selection.Label) { LowerIsBetter = !selection.HigherIsBetter };
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
