using Sweep.Harness.Report;

namespace Sweep.Harness.Tests.Report;

public sealed class ReportBuilderTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static readonly string[] Charts =
    [
        "learning-curves-accuracy", "learning-curves-loss", "accuracy-vs-optimizer-lr", "accuracy-vs-model-hidden", "ranked",
        "accuracy-vs-time", "confusion", "misclassified", "parallel-coordinates",
    ];

    private string BuildFixture(string name)
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, name));
        ReportBuilder.Build(dir);
        return dir;
    }

    [Fact]
    public void The_aggregate_table_and_every_chart_match_their_golden_files()
    {
        string dir = BuildFixture("fixture");
        Golden.AssertMatches("aggregate.csv", File.ReadAllBytes(Path.Combine(dir, "aggregate.csv")));
        Assert.Equal(Charts.Order(), Directory.GetFiles(Path.Combine(dir, "charts")).Select(Path.GetFileNameWithoutExtension).Order()!);
        foreach (var chart in Charts) Golden.AssertMatches(chart + ".svg", File.ReadAllBytes(Path.Combine(dir, "charts", chart + ".svg")));
    }

    [Fact]
    public void A_german_locale_writes_the_same_bytes()
    {
        string invariant = BuildFixture("invariant");
        string german = ResultsFixture.Culture(() => BuildFixture("german"), "de-DE");
        foreach (var file in Charts.Select(c => Path.Combine("charts", c + ".svg")).Append("aggregate.csv"))
            Assert.Equal(File.ReadAllText(Path.Combine(invariant, file)), File.ReadAllText(Path.Combine(german, file)));
        Assert.DoesNotContain("0,9", File.ReadAllText(Path.Combine(german, "aggregate.csv")));
    }

    [Fact]
    public void The_page_names_the_winner_and_lists_failures_and_inlines_every_chart()
    {
        string page = File.ReadAllText(Path.Combine(BuildFixture("page"), "report.html"));
        // Best mean: lr 0.01, hidden [64] (0.90 + 0.01·seed), from trials 6 only (7 is pending).
        Assert.Contains("<b>Best configuration:</b> optimizer.lr=0.01 model.hidden=[64]", page);
        Assert.Contains("diverged</b> — training loss became NaN or infinite in epoch 3", page);
        Assert.Equal(Charts.Length, System.Text.RegularExpressions.Regex.Count(page, "<figure class=\"chart\"><svg "));
        Assert.DoesNotContain("http://", page.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("<script src", page);
        foreach (var link in new[] { "summary.csv", "aggregate.csv", "trials/trial00/metrics.csv", "charts/ranked.svg" }) Assert.Contains($"href=\"{link}\"", page);
    }

    [Fact]
    public void A_folder_without_a_summary_is_a_clear_error()
    {
        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(_files.Dir));
        Assert.Contains("has no summary.csv", e.Message);
        Assert.Contains("scripts/sweep run", e.Message);
        Assert.Throws<ReportException>(() => ReportBuilder.Build(Path.Combine(_files.Dir, "missing")));
    }

    [Fact]
    public void Colouring_by_a_key_that_does_not_vary_names_the_ones_that_do()
    {
        string dir = ResultsFixture.Write(Path.Combine(_files.Dir, "colour"));
        var e = Assert.Throws<ReportException>(() => ReportBuilder.Build(dir, new ReportOptions(ColourBy: "train.epochs")));
        Assert.Contains("optimizer.lr, model.hidden", e.Message);
        ReportBuilder.Build(dir, new ReportOptions(ColourBy: "model.hidden"));
        Assert.Contains("<text x=\"", File.ReadAllText(Path.Combine(dir, "charts", "learning-curves-accuracy.svg")));
    }

    [Fact]
    public void Comparing_two_sweeps_matches_configurations_and_writes_the_differences()
    {
        string a = ResultsFixture.Write(Path.Combine(_files.Dir, "a")), b = ResultsFixture.Write(Path.Combine(_files.Dir, "b"));
        var comparison = ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "cmp"));
        string page = comparison.Page;
        Assert.Empty(comparison.Differences);
        var rows = Sweep.Harness.Run.CsvFiles.Read(Path.Combine(_files.Dir, "cmp", "comparison.csv"), [], "").Rows;
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("0", r["b_minus_a_test_accuracy"]));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(File.ReadAllText(page), "<figure class=\"chart\"><svg "));
        Assert.Contains("href=\"../a/report.html\"", File.ReadAllText(page)); // links work wherever the page is opened from
        Assert.Throws<ReportException>(() => ComparisonBuilder.Build([a], Path.Combine(_files.Dir, "cmp1")));
    }
}
