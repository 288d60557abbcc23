using Sweep.Core.Files;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;
using static Sweep.Harness.Report.Html;

namespace Sweep.Harness.Report;

/// <summary>What `compare` wrote, and the differences between the sweeps it warns about.</summary>
/// <param name="Differences">Each setting that differs between the sweeps, with each sweep's values, e.g.
/// "train.epochs: a=3, b=8". A comparison across them is not like for like.</param>
public sealed record Comparison(string Page, IReadOnlyList<string> Differences);

/// <summary>
/// `sweep compare`: two or more results folders side by side (the first is the baseline). Configurations are paired
/// on every setting but the seed and the settings each whole sweep fixes to its own value (the data set, the epochs):
/// those are the effect compared, listed at the top, so the same grid at 2 and 3 epochs pairs every configuration;
/// configurations differing in anything else are not paired. Searches get their best-so-far histories overlaid and a
/// table of what each drew (<see cref="SearchComparison"/>).
/// Each sweep's best configuration is chosen by its selection metric (validation); differences are shown in both the
/// selection metric and test accuracy. comparison.csv holds the matched rows; compare.html overlays the charts.
/// </summary>
public static class ComparisonBuilder
{
    /// <exception cref="ReportException">Fewer than two folders, a folder given twice, or --out naming an
    /// input.</exception>
    public static Comparison Build(IReadOnlyList<string> dirs, string outputDir, IChartRenderer? renderer = null)
    {
        if (dirs.Count < 2)
            throw ReportException.BadOption("compare needs at least two results folders.", "Give two or more.");
        var roots = dirs.Select(d => new ResultsLayout(d).Root).ToList();
        if (roots.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw ReportException.BadOption($"{twice.Key} is given twice:",
                "compare a folder with another one, not with itself.");
        string outRoot = new ResultsLayout(outputDir).Root;
        // The comparison's charts/ would overwrite the sweep's own.
        if (roots.Any(r => r == outRoot))
            throw ReportException.BadOption($"--out {outputDir} is one of the folders being compared;",
                "choose another folder for the comparison.");
        if (new ResultsLayout(outputDir).HoldsResults)
            throw ReportException.BadOption($"--out {outputDir} holds another sweep's results;",
                "the comparison's charts and page would replace its own: choose another folder.");
        renderer ??= new ScottPlotRenderer();
        var sweeps = dirs.Select(SweepResults.Load).ToList();
        var names = UniqueNames(sweeps);
        var configurations = sweeps.Select(Aggregation.ByConfiguration).ToList();
        var differences = Differences(sweeps, names);

        WriteGuard.Own(outputDir);
        WriteGuard.CreateDirectory(outputDir);
        var rows = MatchedRows(sweeps, configurations);
        WriteTable(Path.Combine(outputDir, "comparison.csv"), names, rows);

        var charts = Charts(names, sweeps, configurations, rows)
            .Select(c => (Chart: c, Content: renderer.Render(c), Vector: renderer.RenderVector(c))).ToList();
        string chartsDir = Path.Combine(outputDir, "charts");
        WriteGuard.CreateDirectory(chartsDir);
        foreach (var (chart, content, vector) in charts)
        {
            AtomicFile.Write(Path.Combine(chartsDir, $"{chart.FileName}.{renderer.Extension}"), s => s.Write(content));
            if (vector is not null)
                AtomicFile.Write(Path.Combine(chartsDir, $"{chart.FileName}.svg"), s => s.Write(vector));
        }

        string page = Path.Combine(outputDir, "compare.html");
        AtomicFile.WriteAllText(page,
            Page(sweeps, names, configurations, rows, differences, charts.Select(c => (c.Chart, c.Content)).ToList(),
            renderer, outputDir));
        return new Comparison(page, differences);
    }

    /// <summary>Folder names, numbered when two are alike (a sweep and its rerun often share a name).</summary>
    private static List<string> UniqueNames(List<SweepResults> sweeps)
    {
        var names = sweeps.Select(s => Path.GetFileName(s.Dir)).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? $"{n}#{i + 1}" : n).ToList();
    }

    /// <summary>The settings (but the seed) whose values are not the same in every sweep: those a sweep varies itself
    /// and the others fix differently, and those each fixes to a different value (data set, epochs, ...).</summary>
    private static List<string> Differences(List<SweepResults> sweeps, List<string> names)
    {
        var keys = sweeps.SelectMany(s => s.SettingKeys).Distinct();
        var differences = new List<string>();
        // Keys every sweep searched are drawn, so their values differ by design; "What each search drew" sets their
        // distributions side by side.
        foreach (string key in keys.Where(k => !sweeps.All(s => s.Distributions.ContainsKey(k))))
        {
            var perSweep = sweeps.Select(s => s.Trials.Select(t => t.Settings.GetValueOrDefault(key, "")).Distinct()
                .Order(StringComparer.Ordinal).ToList()).ToList();
            if (perSweep.Select(v => string.Join('\u001f', v)).Distinct().Count() <= 1) continue;
            differences.Add($"{key}: " + string.Join(", ", names.Select((n, i) => $"{n}={Shown(perSweep[i])}")));
        }
        return differences;

        static string Shown(List<string> values) =>
            values.Count == 1 ? (values[0].Length == 0 ? "(not set)" : values[0]) : "{" + string.Join(", ", values)
            + "}";
    }

    /// <summary>The settings each sweep fixes, to values that differ between the sweeps (the data set, the epochs):
    /// what the comparison is of, so configurations are paired without them. The same grid at 2 and at 3 epochs
    /// pairs every configuration, and the difference in each row is the effect of the epochs.</summary>
    private static HashSet<string> SweepWide(List<IReadOnlyList<ConfigurationSummary>> configurations) =>
        SettingKeys(configurations).Where(k =>
        {
            var perSweep = configurations.Select(cs => cs.Select(c => Setting(c, k)).Distinct().ToList())
                .ToList();
            return perSweep.All(v => v.Count == 1) && perSweep.Select(v => v[0]).Distinct().Count() > 1;
        }).ToHashSet();

    /// <summary>A configuration's identity across sweeps: every setting of its trials but the seed and the settings
    /// in which the whole sweeps differ.</summary>
    private static string Identity(ConfigurationSummary c, IReadOnlyList<string> keys) =>
        string.Join('\u001f', keys.Select(k => Setting(c, k)));

    /// <summary>A configuration's value of a setting; empty when its sweep has no such key (a program's sweep beside
    /// one of Sweep's networks).</summary>
    private static string Setting(ConfigurationSummary c, string key) =>
        c.Trials[0].Settings.GetValueOrDefault(key, "");

    /// <summary>The settings of every sweep compared but the seed, in order, each once.</summary>
    private static List<string> SettingKeys(List<IReadOnlyList<ConfigurationSummary>> configurations) =>
        [.. configurations.SelectMany(cs => cs.Take(1)).SelectMany(c => c.Trials[0].Settings.Keys)
            .Where(k => k != SweepResults.SeedKey).Distinct()];

    /// <summary>One row per configuration found in any sweep, matched on its configuration (the settings in which
    /// the whole sweeps differ left out), in the baseline's rank order, then the others'; labelled by the settings in
    /// which the rows differ.</summary>
    private static List<(string Label, ConfigurationSummary?[] In)> MatchedRows(List<SweepResults> sweeps,
        List<IReadOnlyList<ConfigurationSummary>> configurations)
    {
        var all = configurations.SelectMany(cs => cs).ToList();
        var sweepWide = SweepWide(configurations);
        var paired = SettingKeys(configurations).Where(k => !sweepWide.Contains(k)).ToList();
        string Identity(ConfigurationSummary c) => ComparisonBuilder.Identity(c, paired);
        var identities = all.Select(Identity).Distinct().ToList();
        var keys = paired.Where(k => all.Select(c => Setting(c, k)).Distinct().Count() > 1).ToList();
        return identities.Select(id =>
        {
            var row = configurations.Select(cs => cs.FirstOrDefault(c => Identity(c) == id)).ToArray();
            int from = Array.FindIndex(row, c => c is not null);
            var any = row[from]!;
            // A key the configuration did not draw (a search's `when:`) kept a default, which is no value tried.
            string label = keys.Count == 0 ? "(all settings alike)" : string.Join(' ',
                keys.Where(k => sweeps[from].Drew(any.Values, k)).Select(k => $"{k}={Setting(any, k)}"));
            return (label, row);
        }).ToList();
    }

    private static void WriteTable(string path, List<string> names,
        List<(string Label, ConfigurationSummary?[] In)> rows)
    {
        var header = new List<string> { "configuration" };
        foreach (var n in names)
            header.AddRange([$"{n}_selected_mean", $"{n}_selected_sd", $"{n}_test_accuracy_mean",
                $"{n}_test_accuracy_sd", $"{n}_seeds"]);
        foreach (var n in names.Skip(1))
            header.AddRange([$"{n}_minus_{names[0]}_selected", $"{n}_minus_{names[0]}_test_accuracy"]);
        CsvFiles.Write(path, header, rows.Select(r =>
        {
            var row = new List<object?> { r.Label };
            foreach (var c in r.In)
                row.AddRange([c?.Selected.Mean, c?.Selected.Sd, c?.TestAccuracy.Mean, c?.TestAccuracy.Sd,
                    c?.Trials.Count]);
            foreach (var c in r.In.Skip(1))
                row.AddRange(
                    [Difference(c?.Selected, r.In[0]?.Selected), Difference(c?.TestAccuracy, r.In[0]?.TestAccuracy)]);
            return (IReadOnlyList<object?>)row;
        }));
    }

    private static double? Difference(Statistic? c, Statistic? baseline) =>
        c?.Mean is double a && baseline?.Mean is double b ? a - b : null;

    private static List<Chart> Charts(List<string> names, List<SweepResults> sweeps,
        List<IReadOnlyList<ConfigurationSummary>> configurations,
        List<(string Label, ConfigurationSummary?[] In)> rows)
    {
        var best = configurations.Select(cs => cs.FirstOrDefault(c => c.Score is not null)).ToList();
        var curves = best.Select((c, s) => new Series($"{names[s]}: {SweepCharts.ShortLabel(c?.Label ?? "")}",
            Palette.Category(s),
            c is null ? [] : SweepCharts.OverSeeds(c.Trials.Select(t => t.Metrics).ToList(),
            m => m.ValidationAccuracy ?? m.TrainAccuracy),
            Uncertainty: Uncertainty.Band)).ToList();

        // Configurations present in more than one sweep, each sweep's mean ± sd a little apart so the bars do not
        // overlap.
        var shared = Shared(rows).Take(25).ToList();
        double spread = 0.5 / names.Count;
        var matched = names.Select((n, s) => new Series(n, Palette.Category(s), shared.Select((r, i) => (r, i))
            .Where(x => x.r.In[s]?.TestAccuracy.Mean is not null).Select(x =>
            {
                var t = x.r.In[s]!.TestAccuracy;
                return new DataPoint(x.i + (s - (names.Count - 1) / 2.0) * spread, t.Mean!.Value,
                    t.Mean - (t.Sd ?? 0), t.Mean + (t.Sd ?? 0));
            }).ToList(), Line: false, Markers: true, Uncertainty: Uncertainty.ErrorBars)).ToList();

        var time = configurations.Select((cs, s) => new Series(names[s], Palette.Category(s),
            cs.SelectMany(c => c.Trials).Where(t => t.TestAccuracy is not null)
            .Select(t => new DataPoint(t.TrainSeconds, t.TestAccuracy!.Value)).ToList(), Line: false, Markers: true))
            .ToList();

        var charts = new List<Chart>
        {
            new XyChart("Best configuration of each sweep, per epoch (mean and range over seeds)", "learning-curves",
                new Axis("epoch", Whole: true), new Axis("validation accuracy", Max: 1), curves),
        };
        if (SearchComparison.Any(sweeps)) charts.Add(SearchComparison.BestSoFar(names, sweeps));
        // With nothing matched the chart would be empty axes; the page says why instead.
        if (shared.Count > 0)
            charts.Add(new XyChart(
                "Configurations paired across sweeps: mean test accuracy ± sd",
                "matched-configurations",
                new Axis("configuration", Categories: shared.Select(r => SweepCharts.ShortLabel(r.Label)).ToList()),
                new Axis("test accuracy"),
                matched));
        charts.Add(new XyChart("Test accuracy against training time", "accuracy-vs-time",
            new Axis("training time (s)"), new Axis("test accuracy"), time));
        return charts;
    }

    /// <summary>The configurations with a test accuracy in more than one sweep: the ones that can be set side by
    /// side.</summary>
    private static List<(string Label, ConfigurationSummary?[] In)> Shared(
        List<(string Label, ConfigurationSummary?[] In)> rows) =>
        rows.Where(r => r.In.Count(c => c?.TestAccuracy.Mean is not null) > 1).ToList();

    private static string Page(List<SweepResults> sweeps, List<string> names,
        List<IReadOnlyList<ConfigurationSummary>> configurations,
        List<(string Label, ConfigurationSummary?[] In)> rows, List<string> differences,
        List<(Chart Chart, byte[] Content)> charts, IChartRenderer renderer, string outputDir)
    {
        var page = new System.Text.StringBuilder();
        Begin(page, $"{string.Join(" vs ", names)} — Sweep comparison");
        page.Append(
            $"<h1>{E(string.Join(" vs ", names))}</h1>\n<p class=\"meta\">Baseline: {E(names[0])}. Configurations " +
            "are paired on every setting but the seed and those each sweep fixes to its own value. " +
                    "Each sweep's best is chosen by its own selection metric (" +
                    $"{E(string.Join(", ", sweeps.Select((s, i) => $"{names[i]}: {s.Selection.Label}")))}). " +
                    $"Page written {Html.Timestamp(DateTimeOffset.Now)}.</p>\n");
        if (differences.Count > 0)
        {
            page.Append(
                "<div class=\"warn\"><b>These sweeps differ in more than what they vary:</b> a setting each sweep " +
                "fixes to its own value (the data set, the epochs) is the effect compared, and configurations are " +
                "paired on the others; configurations that differ in any other are not matched, and the sweeps' best " +
                "configurations are not like for like.<ul>");
            foreach (var d in differences) page.Append($"<li><code>{E(d)}</code></li>");
            page.Append("</ul></div>\n");
        }
        if (sweeps.Any(s => s.Selection.OnTest))
            page.Append(
                $"<div class=\"warn\">{E(string.Join(", ", names.Where((n, i) => sweeps[i].Selection.OnTest)))}: no " +
                "validation split, so the best configuration there is chosen on the test set.</div>\n");

        page.Append("<h2>Best of each sweep</h2>\n");
        Table(page, "best", ["sweep", "folder", "best configuration", "chosen by", "its score", "test accuracy",
            "trials", "completed", "train s (all trials)"],
            sweeps.Select((s, i) =>
            {
                var best = configurations[i].FirstOrDefault(c => c.Score is not null);
                return (IReadOnlyList<Cell>)[Cell.Text(names[i]), Cell.Link(s.Dir,
                    Path.GetRelativePath(outputDir, Path.Combine(s.Dir, "report.html"))),
                    Cell.Text(best?.Label ?? "–"), Cell.Text(s.Selection.Label), Cell.Stat(best?.Selected),
                        Cell.Stat(best?.TestAccuracy),
                    Cell.Number(s.Trials.Count, "F0"),
                        Cell.Number(s.Trials.Count(t => t.Status == TrialState.Completed), "F0"),
                            Cell.Seconds(s.Trials.Sum(t => t.TrainSeconds))];
            }));

        // Training times compare only where each trial had one core: say where some had a lent second one.
        var lent = names.Where((n, i) => sweeps[i].Trials.Any(t => t.LentShare > 0)).ToList();
        if (lent.Count > 0)
            page.Append(
                $"<p class=\"meta\">{E(string.Join(", ", lent))}: some trials trained part of their batches with a " +
                "second core lent by an idle worker (<code>lent_share</code> in summary.csv), so their training " +
                "times are shorter than one core's. Run with <code>--no-lending</code> to compare times.</p>\n");

        page.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var (chart, content) in charts) Figure(page, renderer, chart, content,
            $"charts/{chart.FileName}.{renderer.Extension}");
        page.Append("</div>\n");
        if (SearchComparison.Any(sweeps) && SearchComparison.OffTheChart(names, sweeps) is { Count: > 0 } off)
            page.Append($"<p class=\"meta\">{E(string.Join(", ", off))}: selected on another metric than " +
                $"{E(names[0])}, so not on its best-so-far chart.</p>\n");
        if (SearchComparison.Any(sweeps)) SearchComparison.SearchedKeys(page, names, sweeps);
        if (Shared(rows).Count == 0)
            page.Append(
                "<p class=\"meta\">No configuration was trained in more than one of these sweeps" +
                (differences.Count > 0 ? " (they differ in the settings above)" : "") +
                ", so none can be set side by side; the table below lists each sweep's own.</p>\n");

        page.Append(
            "<h2>Configurations, sweep by sweep</h2>\n<p class=\"meta\">Test accuracy, mean ± sd over seeds; <a " +
            "href=\"./comparison.csv\">comparison.csv</a> has the selection metric too.</p>\n");
        Table(page, "differences", ["configuration", .. names, .. names.Skip(1).Select(n => $"{n} − {names[0]}")],
            rows.Select(r => (IReadOnlyList<Cell>)[Cell.Text(r.Label),
                .. r.In.Select(c => Cell.Stat(c?.TestAccuracy)),
                .. r.In.Skip(1)
                .Select(c => Difference(c?.TestAccuracy, r.In[0]?.TestAccuracy) is double d ? new Cell(
                    FormattableString.Invariant($"{d * 100:+0.00;-0.00;0.00} pts"), SortKey(d)) : Cell.Text("–"))]));
        End(page);
        return page.ToString();
    }
}
