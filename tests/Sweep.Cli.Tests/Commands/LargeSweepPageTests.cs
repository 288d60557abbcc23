using System.Text.RegularExpressions;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>A search of more trials than the page's tables show, run with --lean: the page stays short, keeps the best
/// rows and says where the rest are; each trial keeps its model and tables, not its checkpoint.</summary>
public sealed class LargeSweepPageTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_page_of_more_trials_than_it_shows_lists_the_best_and_points_to_the_csv()
    {
        const int count = 230;
        string spec = _files.Write("large.yaml", SweepFiles.Digits +
            $"search:\n  method: random\n  count: {count}\n  seed: 5\n" +
            "  optimizer.lr: { loguniform: [0.0001, 0.5] }\n");
        string output = Path.Combine(_files.Dir, "out");
        var (code, printed) = TestSweeps.Cli("run", spec, "--out", output, "--progress", "quiet", "--lean",
            "train.epochs=1");
        Assert.True(code is 0 or 1, printed);
        string page = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains($"The 200 best of {count} trials are shown; all of them are in", page);
        Assert.Contains($"The 200 best of {count} configurations are shown", page);
        string table = Regex.Match(page, "<table[^>]*id=\"trials\".*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(200, Regex.Matches(table, "<tr").Count - 1);
        // Every trial is in the summary; each listed trial has its own page (pages of trials that led while the run
        // went on may remain: they are current, since an ended trial's files do not change).
        Assert.Equal(count + 1, File.ReadAllLines(Path.Combine(output, "summary.csv")).Length);
        var linked = Regex.Matches(table, "href=\"./pages/([0-9a-f]{12}).html\"").Select(m => m.Groups[1].Value)
            .ToList();
        Assert.Equal(200, linked.Count);
        Assert.All(linked, id => Assert.True(File.Exists(Path.Combine(output, "pages", id + ".html")), id));
        Assert.InRange(Directory.GetFiles(Path.Combine(output, "pages"), "*.html").Length, 200, count);
        var trials = Directory.GetDirectories(Path.Combine(output, "trials"));
        Assert.Equal(count, trials.Count(t => File.Exists(Path.Combine(t, "model.swnn"))));
        Assert.DoesNotContain(trials, t => File.Exists(Path.Combine(t, "checkpoint.swck"))
            || File.Exists(Path.Combine(t, "test_predictions.csv")));
    }
}
