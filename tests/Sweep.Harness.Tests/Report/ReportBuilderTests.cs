using Sweep.Harness.Report;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Report;

public sealed class ReportBuilderTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    /// <summary>The fixture is a 2 × 2 grid over two seeds: the charts of a grid of two keys.</summary>
    private static readonly string[] Charts =
    [
        "learning-curves-accuracy", "learning-curves-loss", "train-vs-validation", "metric-vs-optimizer-lr",
            "metric-vs-model-hidden",
        "grid-optimizer-lr-model-hidden", "interaction", "ranked", "metric-vs-time", "confusion", "misclassified",
            "parallel-coordinates",
    ];

    /// <summary>Charts drawn with lines and text only, also written as SVG.</summary>
    private static readonly string[] Vector =
        [.. Charts.Where(c => c is not ("grid-optimizer-lr-model-hidden" or "confusion" or "misclassified"))];

    private string BuildFixture(string name)
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, name));
        ReportBuilder.Build(dir);
        return dir;
    }

    /// <summary>A renderer that fails on one chart, as a bug in drawing would.</summary>
    private sealed class FailingRenderer : Sweep.Harness.Report.Charts.IChartRenderer
    {
        public string MediaType => "image/png";
        public string Extension => "png";
        public byte[] Render(Sweep.Harness.Report.Charts.Chart chart) =>
            chart.FileName == "ranked" ? throw new InvalidOperationException("drawing failed") : [];
        public byte[]? RenderVector(Sweep.Harness.Report.Charts.Chart chart) => null;
        public bool HasVector(Sweep.Harness.Report.Charts.Chart chart) => false;
    }

    [Fact]
    public void A_trial_lent_a_core_is_named_on_the_page_because_its_time_is_not_one_cores()
    {
        string alone = BuildFixture("alone");
        Assert.DoesNotContain("lent_share", File.ReadAllText(new ResultsLayout(alone).ReportPage));
        string lent = ResultsFixture.Write(Path.Combine(_files.Dir, "lent"), lentShare: 0.62);
        ReportBuilder.Build(lent);
        string page = File.ReadAllText(new ResultsLayout(lent).ReportPage);
        Assert.Contains("1 of 8 trials trained 62 % of their batches with a second core", page);
        Assert.Contains("<code>--no-lending</code>", page);
        // The trial's own page gives the share epoch by epoch; a trial without a lent core has no such column.
        var trialPages = Directory.GetFiles(Path.Combine(lent, "pages"));
        Assert.Equal(1, trialPages.Count(p => File.ReadAllText(p).Contains(">with a lent core</th>")));
        Assert.Contains(trialPages, p => File.ReadAllText(p).Contains("62 %"));
    }

    [Fact]
    public void Charts_drawn_on_several_threads_give_the_same_files_and_a_failure_as_itself()
    {
        string one = BuildFixture("one"), several = ResultsFixture.Write(Path.Combine(_files.Dir, "several"));
        ReportBuilder.Build(several, new ReportOptions(Threads: 4));
        foreach (string chart in Directory.GetFiles(Path.Combine(one, "charts")).Select(Path.GetFileName)
            .OfType<string>())
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, "charts", chart)),
                File.ReadAllBytes(Path.Combine(several, "charts", chart)));
        var e = Assert.Throws<InvalidOperationException>(() =>
            ReportBuilder.Build(several, new ReportOptions(Renderer: new FailingRenderer(), Threads: 4)));
        Assert.Equal("drawing failed", e.Message);
    }

    [Fact]
    public void The_aggregate_table_the_chart_descriptions_and_the_vector_charts_match_their_golden_files()
    {
        string dir = BuildFixture("fixture");
        Golden.AssertMatches("aggregate.csv", File.ReadAllBytes(Path.Combine(dir, "aggregate.csv")));
        Assert.Equal(Charts.Select(c => c + ".png").Concat(Vector.Select(c => c + ".svg")).Order(),
            Directory.GetFiles(Path.Combine(dir, "charts")).Select(Path.GetFileName).Order()!);
        // What each chart shows (its description), and how the vector ones are drawn: text, so a diff can be read.
        var results = SweepResults.Load(dir);
        var charts = SweepCharts.For(results, Aggregation.ByConfiguration(results));
        Golden.AssertMatches("charts.json", System.Text.Encoding.UTF8.GetBytes(ChartDescriptions.Json(charts)));
        foreach (var chart in Vector)
            Golden.AssertMatches(chart + ".svg", File.ReadAllBytes(Path.Combine(dir, "charts", chart + ".svg")));
    }

    [Fact]
    public void Every_chart_lays_out_a_listed_key_in_the_order_the_sweep_lists_its_values()
    {
        // By depth, as the sweep file lists them; as text they sort the other way round ("[64,64,64,64]" first), and
        // ranked best first too (deeper scores higher here).
        string[] depths = ["[64]", "[64,64]", "[64,64,64,64]"];
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "depths"), hidden: depths);
        var results = SweepResults.Load(dir);
        var charts = SweepCharts.For(results, Aggregation.ByConfiguration(results));

        var axes = charts.OfType<XyChart>().SelectMany(c => new[] { (c.FileName, c.X), (c.FileName, c.Y) })
            .Where(a => a.Item2.Label == "model.hidden").ToList();
        Assert.Contains(axes, a => a.FileName == "metric-vs-model-hidden");
        Assert.All(axes, a => Assert.Equal(depths, a.Item2.Categories!));
        var grid = Assert.Single(charts.OfType<HeatmapChart>(), c => c.FileName.StartsWith("grid-"));
        Assert.Equal(depths, grid.ColumnLabel == "model.hidden" ? grid.Columns : grid.Rows);
        // The outlined cell is the configuration the winner box names (rank 1), whatever ties there are.
        var winner = Aggregation.ByConfiguration(results).First();
        Assert.NotNull(grid.Outlined);
        Assert.Equal(winner.Values[grid.RowLabel], grid.Rows[grid.Outlined!.Row]);
        Assert.Equal(winner.Values[grid.ColumnLabel], grid.Columns[grid.Outlined.Column]);
        var interaction = Assert.Single(charts.OfType<XyChart>(), c => c.FileName == "interaction");
        if (interaction.X.Label == "model.hidden") Assert.Equal(depths, interaction.X.Categories!);
        else Assert.Equal(depths.Select(d => "hidden=" + d), interaction.Series.Select(s => s.Label));
    }

    [Fact]
    public void Every_chart_is_drawn_the_same_bytes_twice_and_from_two_threads_and_is_not_blank()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "bytes"));
        var results = SweepResults.Load(dir);
        var charts = SweepCharts.For(results, Aggregation.ByConfiguration(results));
        var renderer = new Sweep.Harness.Report.Charts.ScottPlotRenderer();
        var first = charts.Select(renderer.Render).ToList();
        var parallel = new byte[charts.Count][];
        Parallel.For(0, charts.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            i => parallel[i] = renderer.Render(charts[i]));
        for (int i = 0; i < charts.Count; i++)
        {
            Assert.Equal(first[i], parallel[i]);
            using var bitmap = SkiaSharp.SKBitmap.Decode(first[i]);
            Assert.Equal(Sweep.Harness.Report.Charts.ScottPlotRenderer.Width, bitmap.Width);
            // Not blank: text, lines and fills leave many pixels that are neither white nor one flat colour.
            int inked = 0;
            for (int y = 0; y < bitmap.Height; y += 2)
                for (int x = 0; x < bitmap.Width; x += 2)
                    if (bitmap.GetPixel(x, y) is var p && p.Red + p.Green + p.Blue < 600) inked++;
            Assert.True(inked > 500, $"{charts[i].FileName}: only {inked} inked pixels");
        }
    }

    [Fact]
    public void A_german_locale_writes_the_same_bytes()
    {
        string invariant = BuildFixture("invariant");
        string german = ResultsFixture.Culture(() => BuildFixture("german"), "de-DE");
        foreach (var file in Charts.Select(c => Path.Combine("charts", c + ".png"))
            .Concat(Vector.Select(c => Path.Combine("charts", c + ".svg"))).Append("aggregate.csv"))
            Assert.Equal(File.ReadAllBytes(Path.Combine(invariant, file)),
                File.ReadAllBytes(Path.Combine(german, file)));
        Assert.DoesNotContain("0,9", File.ReadAllText(Path.Combine(german, "aggregate.csv")));
    }

    [Fact]
    public void The_page_names_the_winner_and_lists_failures_and_embeds_every_chart()
    {
        string page = File.ReadAllText(Path.Combine(BuildFixture("page"), "report.html"));
        // Best mean validation accuracy: lr 0.01, hidden [64], from trial 6 only (7 is pending).
        Assert.Contains("<b>Best configuration:</b> optimizer.lr=0.01 model.hidden=[64]", page);
        Assert.Contains("diverged</b> — training loss became NaN or infinite in epoch 3", page);
        Assert.Equal(Charts.Length,
            System.Text.RegularExpressions.Regex.Count(page,
            "<figure class=\"chart( wide)?\"><img alt=\"[^\"]+\" src=\"data:image/png;base64,"));
        Assert.DoesNotContain("http://", page);
        Assert.DoesNotContain("<script src", page);
        foreach (var link in new[] { "summary.csv", "aggregate.csv", "pages/trial00.html", "charts/ranked.png",
            "charts/ranked.svg" }) Assert.Contains($"href=\"./{link}\"", page);
        Assert.Contains("<h2>The winner, class by class</h2>", page);
        // A grid's answer first: its heatmap and interaction under the winner box, above the tables.
        int tables = page.IndexOf("<h2>Configurations, best first</h2>", StringComparison.Ordinal);
        Assert.InRange(page.IndexOf("<h2>At a glance</h2>", StringComparison.Ordinal), 0, tables);
        Assert.InRange(page.IndexOf("href=\"./charts/grid-optimizer-lr-model-hidden.png\"", StringComparison.Ordinal),
            0, tables);
        Assert.InRange(page.IndexOf("href=\"./charts/interaction.png\"", StringComparison.Ordinal), 0, tables);
        Assert.True(page.IndexOf("href=\"./charts/ranked.png\"", StringComparison.Ordinal) > tables);
    }

    [Fact]
    public void Every_trial_has_a_page_with_its_epochs_confusion_matrix_and_files()
    {
        string dir = BuildFixture("trial-pages");
        string page = File.ReadAllText(Path.Combine(dir, "pages", "trial06.html"));
        Assert.Contains("<h1>Trial trial06</h1>", page);
        Assert.Contains("tested epoch 5", page);
        Assert.Contains(">0.56</td></tr>", page); // each epoch's seconds, as the main page writes them (not "0.560")
        Assert.Contains("<table class=\"confusion\">", page);
        Assert.Contains(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 " +
            $"{ScottPlotRenderer.Width} {ScottPlotRenderer.Height}\"", page); // its curves, scalable
        Assert.Contains("<h3>Per class (test set)</h3>", page);
        Assert.Contains("href=\"../trials/trial06/metrics.csv\"", page);
        Assert.Contains("href=\"../report.html\"", page);
        // Loss beside accuracy, the varied keys, and the same configuration's other seed (pending, but listed).
        Assert.Contains("trial06: loss per epoch", page);
        Assert.Contains("optimizer.lr = <b>0.01</b>", page);
        Assert.Contains("The same configuration with other seeds: <a href=\"./trial07.html\">seed 2</a>", page);
        string diverged = File.ReadAllText(Path.Combine(dir, "pages", "trial03.html"));
        Assert.DoesNotContain("<table class=\"confusion\">", diverged); // never tested
        Assert.Contains("<b>This trial diverged</b>: training loss became NaN or infinite in epoch 3", diverged);
    }

    [Fact]
    public void Means_closer_than_one_validation_sample_are_a_tie_and_the_validation_size_is_stated()
    {
        string page = File.ReadAllText(Path.Combine(BuildFixture("margin"), "report.html"));
        Assert.Contains("(validation set: 200 samples)", page);
        // The same results over 10 validation samples: one sample is 10 points, more than the 4-point margin.
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "tie"));
        string summary = Path.Combine(dir, "summary.csv");
        var table = CsvFiles.Read(summary, ["val_samples"], "");
        CsvFiles.Write(summary, table.Header, table.Rows.Select(r => (IReadOnlyList<object?>)[.. table.Header
            .Select(h => (object?)(h == "val_samples" && r[h].Length > 0 ? "10" : r[h]))]));
        ReportBuilder.Build(dir);
        page = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("<b>tied</b> with the runner-up", page);
        Assert.Contains("less than one of the 10 validation samples (10.00 percentage points)", page);
        Assert.DoesNotContain("ahead of the runner-up", page);
    }

    [Fact]
    public void A_rebuild_removes_the_charts_it_no_longer_draws()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "stale"));
        Directory.CreateDirectory(Path.Combine(dir, "charts"));
        File.WriteAllText(Path.Combine(dir, "charts", "heatmap-from-mid-run.png"), "old");
        File.WriteAllText(Path.Combine(dir, "charts", "notes.txt"), "the user's own");
        ReportBuilder.Build(dir);
        Assert.False(File.Exists(Path.Combine(dir, "charts", "heatmap-from-mid-run.png")));
        Assert.True(File.Exists(Path.Combine(dir, "charts", "notes.txt")));
        Assert.True(File.Exists(Path.Combine(dir, "charts", "ranked.png")));
    }

    [Fact]
    public void A_trials_page_is_drawn_again_only_when_what_it_shows_changed()
    {
        string dir = BuildFixture("redraw");
        string six = Path.Combine(dir, "pages", "trial06.html"), five = Path.Combine(dir, "pages", "trial05.html");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(six, old);
        File.SetLastWriteTimeUtc(five, old);
        // A trial's own file changes (an epoch more, a resumed trial): its page alone is drawn again.
        string metrics = Path.Combine(dir, "trials", "trial05", "metrics.csv");
        var rows = MetricsFile.Read(metrics).ToList();
        rows[^1] = rows[^1] with { Seconds = rows[^1].Seconds + 1 };
        MetricsFile.Write(metrics, rows);
        ReportBuilder.Build(dir);
        Assert.Equal(old, File.GetLastWriteTimeUtc(six));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(five));
        // A page drawn from other inputs (another Sweep, a page edited by hand) is drawn again.
        // Marked with a letter no hash has: a "0" in front failed whenever the redrawn page's hash began with 0.
        File.WriteAllText(six, File.ReadAllText(six).Replace("<meta name=\"sweep-inputs\" content=\"",
            "<meta name=\"sweep-inputs\" content=\"edited"));
        ReportBuilder.Build(dir);
        Assert.DoesNotContain("content=\"edited", File.ReadAllText(six)[..1000]);
    }

    [Fact]
    public void A_folder_without_a_summary_is_a_clear_error()
    {
        var e = Assert.Throws<ResultsFolderException>(() => ReportBuilder.Build(_files.Dir));
        Assert.Contains("has no summary.csv", e.Message);
        Assert.Contains("scripts/sweep run", e.Message);
        Assert.Throws<ResultsFolderException>(() => ReportBuilder.Build(Path.Combine(_files.Dir, "missing")));
    }

    [Fact]
    public void Colouring_by_a_key_that_does_not_vary_names_the_ones_that_do()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "colour"));
        var e = Assert.Throws<ReportException>(() =>
            ReportBuilder.Build(dir, new ReportOptions(ColourBy: "train.epochs")));
        Assert.Contains("optimizer.lr, model.hidden", e.Message);
        ReportBuilder.Build(dir, new ReportOptions(ColourBy: "model.hidden"));
        // Colour by hidden, line pattern by the other key: the legend names hidden first.
        var curves = SweepCharts.For(SweepResults.Load(dir), Aggregation.ByConfiguration(SweepResults.Load(dir)),
            "model.hidden").OfType<Sweep.Harness.Report.Charts.XyChart>().First();
        Assert.All(curves.Series, s => Assert.StartsWith("hidden=", s.Label));
        Assert.Equal(2, curves.Series.Select(s => s.Colour).Distinct().Count());
        Assert.Equal(2, curves.Series.Select(s => s.Style).Distinct().Count());
    }

    [Fact]
    public void Comparing_two_sweeps_matches_configurations_and_writes_the_differences()
    {
        string a = ResultsFixture.Write(Path.Combine(_files.Dir, "a")),
            b = ResultsFixture.Write(Path.Combine(_files.Dir, "b"));
        var comparison = ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "cmp"));
        string page = comparison.Page;
        Assert.Empty(comparison.Differences);
        var rows = Sweep.Harness.Results.CsvFiles.Read(Path.Combine(_files.Dir, "cmp", "comparison.csv"), [], "").Rows;
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r["b_minus_a_test_accuracy"]));
        Assert.Equal(3,
            System.Text.RegularExpressions.Regex.Count(File.ReadAllText(page),
            "<figure class=\"chart( wide)?\"><img "));
        // links work wherever the page is opened from
        Assert.Contains("href=\"../a/report.html\"", File.ReadAllText(page));
        Assert.Throws<ReportException>(() => ComparisonBuilder.Build([a], Path.Combine(_files.Dir, "cmp1")));
    }

    [Fact]
    public void A_comparison_names_the_sweeps_whose_trials_were_lent_a_core()
    {
        string a = ResultsFixture.Write(Path.Combine(_files.Dir, "a")),
            b = ResultsFixture.Write(Path.Combine(_files.Dir, "b"), lentShare: 0.5);
        string page = File.ReadAllText(ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "cmp")).Page);
        Assert.Contains("<p class=\"meta\">b: some trials trained part of their batches with a second core", page);
        Assert.DoesNotContain("a, b: some trials", page);
    }

    [Fact]
    public void The_same_grid_at_other_epochs_pairs_every_configuration_and_the_epochs_are_the_effect()
    {
        string a = ResultsFixture.Write(Path.Combine(_files.Dir, "a")),
            b = ResultsFixture.Write(Path.Combine(_files.Dir, "b"), epochs: "10");
        var comparison = ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "cmp"));
        Assert.Contains(comparison.Differences, d => d.StartsWith("train.epochs", StringComparison.Ordinal));
        var rows = Sweep.Harness.Results.CsvFiles.Read(Path.Combine(_files.Dir, "cmp", "comparison.csv"), [], "").Rows;
        // The fixture's four configurations, each paired, each with a difference (0 here: the fixture's numbers do
        // not depend on the epochs), labelled without the epochs.
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r["b_minus_a_test_accuracy"]));
        Assert.All(rows, r => Assert.DoesNotContain("train.epochs", r["configuration"]));
        Assert.Contains("matched-configurations", File.ReadAllText(comparison.Page));
    }

    [Fact]
    public void Sweeps_that_share_no_configuration_get_no_empty_chart_but_a_sentence_saying_why()
    {
        string a = ResultsFixture.Write(Path.Combine(_files.Dir, "a")),
            b = ResultsFixture.Write(Path.Combine(_files.Dir, "b"), hidden: ["[32]", "[128]"]);
        var comparison = ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "cmp"));
        string page = File.ReadAllText(comparison.Page);
        Assert.Contains(comparison.Differences, d => d.StartsWith("model.hidden", StringComparison.Ordinal));
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(page, "<figure class=\"chart( wide)?\"><img "));
        Assert.DoesNotContain("matched-configurations", page);
        Assert.False(File.Exists(Path.Combine(_files.Dir, "cmp", "charts", "matched-configurations.png")));
        Assert.Contains("No configuration was trained in more than one of these sweeps (they differ in the settings " +
            "above)", page);
        // Every configuration is still listed, each in its own sweep's column.
        Assert.Equal(8, Sweep.Harness.Results.CsvFiles.Read(Path.Combine(_files.Dir, "cmp", "comparison.csv"), [], "")
            .Rows.Count);
    }
}
