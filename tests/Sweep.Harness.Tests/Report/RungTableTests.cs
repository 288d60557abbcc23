using System.Text.RegularExpressions;
using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Report;

/// <summary>A halving sweep's page has its rungs as a table: who reached each rung, who went on, who was pruned
/// there, and where the cut fell; effective.yaml records the rungs it reads them from.</summary>
public sealed class RungTableTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void An_asynchronous_halving_page_counts_each_rung_and_shows_where_the_cut_fell()
    {
        string spec = _files.Write("asha.yaml", "name: asha\n" + SweepFiles.Tiny.Replace("epochs: 1", "epochs: 4") + """
            grid:
              optimizer.lr: [0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001]
            halving:
              rungs: [1, 2]
              asynchronous: true

            """);
        string dir = Path.Combine(_files.Dir, "r");
        TestSweeps.Run(Expansion.Expand(SpecReader.Read(spec)), dir, parallel: 2);
        Assert.Contains("halving: { rungs: [1, 2], keep: 0.5, metric: val_accuracy, asynchronous: true }",
            File.ReadAllText(Path.Combine(dir, "effective.yaml")));
        var results = SweepResults.Load(dir);
        Assert.Equal([1, 2], results.Rungs);
        string page = File.ReadAllText(ReportBuilder.Build(dir));
        string table = page[page.IndexOf("<table class=\"sortable\" id=\"rungs\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        var rows = Regex.Matches(table, "<tr>(.*?)</tr>").Select(m => Regex.Matches(m.Groups[1].Value,
            "<td[^>]*>(.*?)</td>").Select(c => c.Groups[1].Value).ToList()).Where(r => r.Count > 0).ToList();
        Assert.Equal(2, rows.Count);
        int prunedAt1 = results.Trials.Count(t => t.Status == TrialState.Pruned && t.Epochs == 1);
        Assert.Equal(["1", "8", (8 - prunedAt1).ToString(), prunedAt1.ToString()], rows[0][..4]);
        Assert.True(prunedAt1 > 0, "halving pruned nobody at the first rung");
        // Where the cut fell: validation accuracies of that epoch (ASHA decides as trials arrive, so the worst that
        // went on need not beat the best pruned).
        Assert.All(rows.SelectMany(r => r[4..]).Where(c => c != "–"), c => Assert.InRange(double.Parse(c,
            System.Globalization.CultureInfo.InvariantCulture), 0, 1));
    }
}
