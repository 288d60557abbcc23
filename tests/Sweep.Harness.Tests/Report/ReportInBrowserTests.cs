using System.Diagnostics;
using System.Text.RegularExpressions;
using Sweep.Harness.Report;

namespace Sweep.Harness.Tests.Report;

/// <summary>Runs only where Debian's chromium is installed; CI installs it (.ci/run), so there it always
/// runs.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ReportInBrowserTests.Chromium is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs chromium (apt-get install chromium); CI installs it";
    }
}

public sealed partial class ReportInBrowserTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    public static string? Chromium =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    /// <summary>The page in headless Chromium: (charts, charts drawn) as the page's own load script counts them, once
    /// every image has decoded; with <paramref name="screenshot"/>, a picture of the page as well.</summary>
    public static (int Charts, int Drawn) Open(string page, string? screenshot = null)
    {
        string[] flags = Flags();
        if (screenshot is not null)
            Run([.. flags, "--hide-scrollbars", "--window-size=1400,2600", $"--screenshot={screenshot}",
                new Uri(page).AbsoluteUri]);
        var (dom, stderr) = Run([.. flags, "--dump-dom", new Uri(page).AbsoluteUri]);
        var match = ChartCounts().Match(dom);
        Assert.True(match.Success, $"the page's load script did not run; chromium said: {stderr}");
        return (int.Parse(match.Groups["charts"].Value), int.Parse(match.Groups["drawn"].Value));
    }

    private static string[] Flags()
    {
        Assert.True(Chromium is not null, "CI must install chromium (.ci/run does: apt-get install chromium)");
        return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run",
            $"--user-data-dir={Directory.CreateTempSubdirectory("sweep-chromium-").FullName}",
            "--virtual-time-budget=5000"];
    }

    private static (string Stdout, string Stderr) Run(string[] args)
    {
        using var chromium =
            Process.Start(
                new ProcessStartInfo(Chromium!, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        string stdout = chromium.StandardOutput.ReadToEnd();
        Assert.True(chromium.WaitForExit(60_000), "chromium did not finish within a minute");
        return (stdout, stderr.Result);
    }

    [ChromiumFact]
    public void A_numeric_column_with_gaps_sorts_its_numbers_by_value_and_its_gaps_last_either_way()
    {
        // A conditional key's column: values where it was drawn, a dash where not. Clicked up, then down.
        var page = new System.Text.StringBuilder();
        Html.Begin(page, "sort");
        Html.Table(page, "t", ["name", "momentum"],
            new (string Name, double? Value)[] { ("a", 10), ("b", null), ("c", 2), ("d", 33), ("e", null) }
            .Select(r => (IReadOnlyList<Html.Cell>)[Html.Cell.Text(r.Name),
                r.Value is { } v ? Html.Cell.Number(v) : Html.Cell.NotDrawn("0.9")]));
        page.Append("""
            <script>window.addEventListener("load", function () {
              var th = document.querySelectorAll("#t th")[1];
              function order() {
                return Array.from(document.querySelectorAll("#t tbody tr")).map(function (r) {
                  return r.cells[0].textContent; }).join("");
              }
              th.click(); var up = order(); th.click();
              document.body.setAttribute("data-order", up + "/" + order());
            });</script>
            """);
        var (dom, stderr) = Dump(page, "sort");
        Assert.True(dom.Contains("data-order=\"cadbe/dacbe\""),
            $"{Regex.Match(dom, "data-order=\"[^\"]*\"")} {stderr}");
    }

    [ChromiumFact]
    public void A_long_table_shows_its_first_rows_in_sort_order_until_show_all_is_pressed()
    {
        var page = new System.Text.StringBuilder();
        Html.Begin(page, "fold");
        Html.Table(page, "t", ["name", "value"], Enumerable.Range(1, 40).Select(i =>
            (IReadOnlyList<Html.Cell>)[Html.Cell.Text($"r{i:D2}"), Html.Cell.Number(i)]));
        page.Append("""
            <script>window.addEventListener("load", function () {
              function shown() {
                return Array.from(document.querySelectorAll("#t tbody tr")).filter(function (r) {
                  return r.offsetParent !== null; });
              }
              var button = document.querySelector("button.fold"), first = shown().length, label = button.textContent;
              document.querySelectorAll("#t th")[1].click(); document.querySelectorAll("#t th")[1].click();
              var top = shown()[0].cells[0].textContent, sorted = shown().length;
              button.click();
              document.body.setAttribute("data-fold", [first, label, sorted, top, shown().length].join("|"));
            });</script>
            """);
        var (dom, stderr) = Dump(page, "fold");
        // 25 rows and a button; sorted down by value, the 25 shown are the top of the new order; then all 40.
        Assert.True(dom.Contains("data-fold=\"25|Show all 40 rows|25|r40|40\""),
            $"{Regex.Match(dom, "data-fold=\"[^\"]*\"")} {stderr}");
    }

    /// <summary>A page made by the test, ended as the report ends its pages (its script included), as Chromium's
    /// DOM after the load scripts ran.</summary>
    private (string Dom, string Stderr) Dump(System.Text.StringBuilder page, string name)
    {
        Html.End(page);
        string file = Path.Combine(_files.Dir, name + ".html");
        File.WriteAllText(file, page.ToString());
        return Run([.. Flags(), "--dump-dom", new Uri(file).AbsoluteUri]);
    }

    [ChromiumFact]
    public void The_fixtures_page_opens_in_headless_chromium_with_every_chart_drawn()
    {
        string page = ReportBuilder.Build(ResultsFixture.Write(Path.Combine(_files.Dir, "browser")));
        Assert.Equal((12, 12), Open(page));
    }

    /// <summary>Four study shapes on the shipped digits, each run for real: the charts that fit it are on the page,
    /// and every one of them is drawn in the browser.</summary>
    public static TheoryData<string, string, string[], string[]> Shapes => new()
    {
        {
            "grid", "grid:\n  optimizer.lr: [0.03, 0.01, 0.003]\n  model.hidden: [[8], [32]]\nseeds: 2\n",
            ["grid-", "interaction", "metric-vs-optimizer-lr", "metric-vs-model-hidden", "ranked", "confusion",
                "train-vs-validation"], ["best-so-far", "pairwise"]
        },
        {
            "random",
                "random:\n  count: 10\n  seed: 3\n  optimizer.lr: { loguniform: [0.001, 0.1] }\n  train.batch_size: " +
                    "{ int: [8, 64] }\n",
            ["best-so-far", "pairwise", "metric-vs-optimizer-lr", "metric-vs-train-batch-size"],
                ["grid-", "interaction"]
        },
        {
            "classic", "seeds: 3\n",
            ["learning-curves-accuracy", "learning-curves-loss", "train-vs-validation", "confusion", "misclassified"],
                ["ranked", "metric-vs-", "grid-", "best-so-far", "parallel-coordinates"]
        },
        {
            "halving",
                "grid:\n  optimizer.lr: [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003]\nhalving: { rungs: [1, 2], keep: 0.5 " +
                    "}\n",
            ["learning-curves-accuracy", "ranked", "metric-vs-optimizer-lr"], ["grid-", "best-so-far"]
        },
    };

    [ChromiumTheory]
    [MemberData(nameof(Shapes))]
    public void Each_study_shape_gets_its_charts_all_drawn_in_chromium(string shape, string factors, string[] present,
        string[] absent)
    {
        var plan = Sweep.Harness.Plan.Expansion.Expand(
            Sweep.Harness.Spec.SpecReader.Read(_files.Write(shape + ".yaml", SweepFiles.Digits + factors)));
        string dir = TestSweeps.Run(plan, Path.Combine(_files.Dir, shape), 2).ResultsDir;
        string page = ReportBuilder.Build(dir);
        string html = File.ReadAllText(page);
        var files = Directory.GetFiles(Path.Combine(dir, "charts"), "*.png").Select(Path.GetFileName).ToList();
        foreach (string p in present) Assert.Contains(files, f => f!.StartsWith(p, StringComparison.Ordinal));
        foreach (string a in absent) Assert.DoesNotContain(files, f => f!.StartsWith(a, StringComparison.Ordinal));
        var (charts, drawn) = Open(page);
        Assert.Equal(files.Count, charts);
        Assert.Equal(charts, drawn);
        if (shape == "halving")
        {
            Assert.Contains("pruned", html);
            Assert.Contains("successive halving: not among the best", html); // the stop reason is in the trials table
        }
    }

    [GeneratedRegex("data-charts=\"(?<charts>\\d+)\" data-charts-drawn=\"(?<drawn>\\d+)\"")]
    private static partial Regex ChartCounts();
}

/// <summary>A theory that runs only where chromium is (always under CI, where its absence fails).</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (ReportInBrowserTests.Chromium is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs chromium (apt-get install chromium); CI installs it";
    }
}
