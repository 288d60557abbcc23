using System.Diagnostics;
using System.Text.RegularExpressions;
using Sweep.Harness.Report;

namespace Sweep.Harness.Tests.Report;

/// <summary>Runs only where Debian's chromium is installed; CI installs it (.ci/run), so there it always runs.</summary>
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

    public static string? Chromium => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    [ChromiumFact]
    public void The_page_opens_in_headless_chromium_with_every_chart_drawn()
    {
        Assert.True(Chromium is not null, "CI must install chromium (.ci/run does: apt-get install chromium)");
        string page = ReportBuilder.Build(ResultsFixture.Write(Path.Combine(_files.Dir, "browser")));

        // The page's own script counts the charts with a non-empty drawn box once it has loaded; --dump-dom prints the DOM after that.
        var chromium = Process.Start(new ProcessStartInfo(Chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", new Uri(page).AbsoluteUri])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = chromium.StandardError.ReadToEndAsync();
        string dom = chromium.StandardOutput.ReadToEnd();
        Assert.True(chromium.WaitForExit(60_000), "chromium did not finish within a minute");
        var match = ChartCounts().Match(dom);
        Assert.True(match.Success, $"the page's load script did not run; chromium said: {stderr.Result}");
        Assert.Equal("9", match.Groups["charts"].Value);
        Assert.Equal(match.Groups["charts"].Value, match.Groups["drawn"].Value);
    }

    [GeneratedRegex("data-charts=\"(?<charts>\\d+)\" data-charts-drawn=\"(?<drawn>\\d+)\"")]
    private static partial Regex ChartCounts();
}
