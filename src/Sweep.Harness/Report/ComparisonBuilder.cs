using Sweep.Core.Serialization;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Run;
using static Sweep.Harness.Report.Html;

namespace Sweep.Harness.Report;

/// <summary>
/// `sweep compare`: two or more results folders side by side (the first is the baseline). Configurations are
/// matched by their label (the same values of the same varying keys); comparison.csv holds each one's mean ± sd in
/// every sweep and its difference from the baseline; compare.html overlays the sweeps' charts.
/// </summary>
public static class ComparisonBuilder
{
    /// <returns>The path of compare.html.</returns>
    public static string Build(IReadOnlyList<string> dirs, string outputDir, IChartRenderer? renderer = null)
    {
        if (dirs.Count < 2) throw new ReportException("compare needs at least two results folders.");
        var roots = dirs.Select(d => new ResultsLayout(d).Root).ToList();
        if (roots.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ReportException($"{twice.Key} is given twice: compare a folder with another one, not with itself.");
        string outRoot = new ResultsLayout(outputDir).Root;
        // The comparison's charts/ would overwrite the sweep's own.
        if (roots.FirstOrDefault(r => r == outRoot) is { } input)
            throw new ReportException($"--out {outputDir} is one of the folders being compared; choose another folder for the comparison.");
        renderer ??= new SvgChartRenderer();
        var sweeps = dirs.Select(SweepResults.Load).ToList();
        var names = UniqueNames(sweeps);
        var configurations = sweeps.Select(Aggregation.ByConfiguration).ToList();

        Directory.CreateDirectory(outputDir);
        var rows = MatchedRows(configurations);
        WriteTable(Path.Combine(outputDir, "comparison.csv"), names, rows);

        var charts = Charts(names, configurations, rows).Select(c => (Chart: c, Content: renderer.Render(c))).ToList();
        string chartsDir = Path.Combine(outputDir, "charts");
        Directory.CreateDirectory(chartsDir);
        foreach (var (chart, content) in charts) AtomicFile.Write(Path.Combine(chartsDir, $"{chart.FileName}.{renderer.Extension}"), s => s.Write(content));

        string page = Path.Combine(outputDir, "compare.html");
        AtomicFile.WriteAllText(page, Page(sweeps, names, configurations, rows, charts, renderer, outputDir));
        return page;
    }

    /// <summary>Folder names, numbered when two are alike (a sweep and its rerun often share a name).</summary>
    private static List<string> UniqueNames(List<SweepResults> sweeps)
    {
        var names = sweeps.Select(s => Path.GetFileName(s.Dir)).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? $"{n}#{i + 1}" : n).ToList();
    }

    /// <summary>One row per configuration label found in any sweep, in the baseline's rank order, then the others'.</summary>
    private static List<(string Label, ConfigurationSummary?[] In)> MatchedRows(List<IReadOnlyList<ConfigurationSummary>> configurations)
    {
        var labels = configurations.SelectMany(cs => cs.Select(c => c.Label)).Distinct().ToList();
        return labels.Select(l => (l, configurations.Select(cs => cs.FirstOrDefault(c => c.Label == l)).ToArray())).ToList();
    }

    private static void WriteTable(string path, List<string> names, List<(string Label, ConfigurationSummary?[] In)> rows)
    {
        var header = new List<string> { "configuration" };
        foreach (var n in names) header.AddRange([$"{n}_test_accuracy_mean", $"{n}_test_accuracy_sd", $"{n}_seeds"]);
        foreach (var n in names.Skip(1)) header.Add($"{n}_minus_{names[0]}");
        CsvFiles.Write(path, header, rows.Select(r =>
        {
            var row = new List<object?> { r.Label };
            foreach (var c in r.In) row.AddRange([c?.TestAccuracy.Mean, c?.TestAccuracy.Sd, c?.TestAccuracy.N]);
            foreach (var c in r.In.Skip(1)) row.Add(Difference(c, r.In[0]));
            return (IReadOnlyList<object?>)row;
        }));
    }

    private static double? Difference(ConfigurationSummary? c, ConfigurationSummary? baseline) =>
        c?.TestAccuracy.Mean is double a && baseline?.TestAccuracy.Mean is double b ? a - b : null;

    private static List<Chart> Charts(List<string> names, List<IReadOnlyList<ConfigurationSummary>> configurations, List<(string Label, ConfigurationSummary?[] In)> rows)
    {
        var best = configurations.Select(cs => cs.FirstOrDefault(c => c.Score is not null)).ToList();
        var curves = best.Select((c, s) => new Series($"{names[s]}: {c?.Label}", s,
            c is null ? [] : SweepCharts.OverSeeds(c.Trials.Select(t => t.Metrics).ToList(), m => m.ValidationAccuracy ?? m.TrainAccuracy),
            Uncertainty: Uncertainty.Band)).ToList();

        // Configurations present in more than one sweep, each sweep's mean ± sd a little apart so the bars do not overlap.
        var shared = rows.Where(r => r.In.Count(c => c?.TestAccuracy.Mean is not null) > 1).Take(25).ToList();
        double spread = 0.5 / names.Count;
        var matched = names.Select((n, s) => new Series(n, s, shared.Select((r, i) => (r, i)).Where(x => x.r.In[s]?.TestAccuracy.Mean is not null).Select(x =>
        {
            var t = x.r.In[s]!.TestAccuracy;
            return new DataPoint(x.i + (s - (names.Count - 1) / 2.0) * spread, t.Mean!.Value, t.Mean - (t.Sd ?? 0), t.Mean + (t.Sd ?? 0));
        }).ToList(), Line: false, Markers: true, Uncertainty: Uncertainty.ErrorBars)).ToList();

        var time = configurations.Select((cs, s) => new Series(names[s], s, cs.SelectMany(c => c.Trials).Where(t => t.TestAccuracy is not null)
            .Select(t => new DataPoint(t.TrainSeconds, t.TestAccuracy!.Value)).ToList(), Line: false, Markers: true)).ToList();

        return
        [
            new XyChart("Best configuration of each sweep, per epoch (mean and range over seeds)", "learning-curves", new Axis("epoch"), new Axis("validation accuracy"), curves, "sweep"),
            new XyChart("Configurations found in several sweeps: mean test accuracy ± sd", "matched-configurations",
                new Axis("configuration", Categories: shared.Select(r => r.Label).ToList()), new Axis("test accuracy"), matched, "sweep"),
            new XyChart("Test accuracy against training time", "accuracy-vs-time", new Axis("training time (s)"), new Axis("test accuracy"), time, "sweep"),
        ];
    }

    private static string Page(List<SweepResults> sweeps, List<string> names, List<IReadOnlyList<ConfigurationSummary>> configurations,
        List<(string Label, ConfigurationSummary?[] In)> rows, List<(Chart Chart, byte[] Content)> charts, IChartRenderer renderer, string outputDir)
    {
        var page = new System.Text.StringBuilder();
        Begin(page, $"{string.Join(" vs ", names)} — Sweep comparison");
        page.Append($"<h1>{E(string.Join(" vs ", names))}</h1>\n<p class=\"meta\">Baseline: {E(names[0])}. Differences are in test accuracy, mean over seeds. Page written {Html.Timestamp(DateTimeOffset.Now)}.</p>\n");

        page.Append("<h2>Best of each sweep</h2>\n");
        Table(page, "best", ["sweep", "folder", "best configuration", "test accuracy", "trials", "completed", "train s (all trials)"],
            sweeps.Select((s, i) =>
            {
                var best = configurations[i].FirstOrDefault(c => c.Score is not null);
                return (IReadOnlyList<Cell>)[Cell.Text(names[i]), Cell.Link(s.Dir, Path.GetRelativePath(outputDir, Path.Combine(s.Dir, "report.html"))),
                    Cell.Text(best?.Label ?? "–"), Cell.Stat(best?.TestAccuracy),
                    Cell.Number(s.Trials.Count, "F0"), Cell.Number(s.Trials.Count(t => t.Status == "completed"), "F0"), Cell.Number(s.Trials.Sum(t => t.TrainSeconds), "F1")];
            }));

        page.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var (chart, content) in charts) Figure(page, renderer, chart, content, $"charts/{chart.FileName}.{renderer.Extension}");
        page.Append("</div>\n");

        page.Append("<h2>Configurations, sweep by sweep</h2>\n<p class=\"meta\"><a href=\"comparison.csv\">comparison.csv</a></p>\n");
        Table(page, "differences", ["configuration", .. names, .. names.Skip(1).Select(n => $"{n} − {names[0]}")],
            rows.Select(r => (IReadOnlyList<Cell>)[Cell.Text(r.Label),
                .. r.In.Select(c => Cell.Stat(c?.TestAccuracy)),
                .. r.In.Skip(1).Select(c => Difference(c, r.In[0]) is double d ? new Cell(FormattableString.Invariant($"{d * 100:+0.00;-0.00;0.00} pts"), SortKey(d)) : Cell.Text("–"))]));
        End(page);
        return page.ToString();
    }
}
