using System.Text;
using Sweep.Harness.Report.Charts;
using static Sweep.Harness.Report.Html;

namespace Sweep.Harness.Report;

/// <summary>report.html of one sweep: the winner and by how much, failures, the configuration and trial tables
/// (sortable), every chart, links to every CSV, and the sweep file as given.</summary>
internal static class ReportPage
{
    public static string Render(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations, IReadOnlyList<(Chart Chart, byte[] Content)> charts,
        IChartRenderer renderer, string? sweepYaml, DateTimeOffset generated, string resultsHref = "")
    {
        var page = new StringBuilder();
        Begin(page, $"{results.Name} — Sweep report");
        int completed = results.Trials.Count(t => t.Status == "completed"), pending = results.Trials.Count(t => t.Status == "pending");
        int pruned = results.Trials.Count(t => t.Status == "pruned");
        page.Append($"<h1>{E(results.Name)}</h1>\n<p class=\"meta\">{results.Trials.Count} trials in {configurations.Count} configurations: {completed} completed, " +
            (pruned > 0 ? $"{pruned} cut by successive halving, " : "") +
            $"{pending} not run yet, {results.Trials.Count - completed - pending - pruned} failed or stopped. Page written {Html.Timestamp(generated)}.</p>\n");
        Winner(page, configurations);
        Problems(page, results);

        page.Append("<h2>Configurations, best first</h2>\n<p class=\"meta\">Ranked by the mean over seeds; ± is the standard deviation over seeds.</p>\n");
        var keys = results.ConfigurationKeys;
        Table(page, "configurations", ["rank", .. keys, "seeds", "completed", "test accuracy", "best validation accuracy", "test loss", "train s"],
            configurations.Select(c => (IReadOnlyList<Cell>)[
                Cell.Number(c.Rank, "F0"), .. keys.Select(k => Cell.Text(c.Values[k])), Cell.Number(c.Trials.Count, "F0"), Cell.Number(c.Completed, "F0"),
                Cell.Stat(c.TestAccuracy), Cell.Stat(c.BestValidationAccuracy), Cell.Stat(c.TestLoss), Cell.Number(c.TrainSeconds.Mean, "F1")]));

        page.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var (chart, content) in charts) Figure(page, renderer, chart, content, $"charts/{chart.FileName}.{renderer.Extension}");
        page.Append("</div>\n");

        page.Append("<h2>Trials</h2>\n");
        Table(page, "trials", ["trial", "status", .. results.VaryingKeys, "best val accuracy", "best epoch", "test accuracy", "test loss", "epochs", "train s", "reason"],
            results.Trials.Select(t => (IReadOnlyList<Cell>)[
                Cell.Link(t.Id, $"{resultsHref}trials/{t.Id}/metrics.csv"), Cell.Text(t.Status), .. results.VaryingKeys.Select(k => Cell.Text(t.Values[k])),
                Cell.Number(t.BestValidationAccuracy), Cell.Number(t.BestEpoch, "F0"), Cell.Number(t.TestAccuracy), Cell.Number(t.TestLoss),
                Cell.Number(t.Epochs, "F0"), Cell.Number(t.TrainSeconds, "F1"), Cell.Text(t.Reason)]));

        page.Append("<h2>Files</h2>\n<p>");
        foreach (var (file, what) in Files) page.Append($"<a href=\"{(file == "aggregate.csv" ? "" : E(resultsHref))}{file}\">{file}</a> ({what}) · ");
        page.Append("each trial's folder <code>trials/&lt;trial&gt;/</code> holds <code>metrics.csv</code>, <code>confusion.csv</code>, <code>per_class.csv</code>, <code>test_predictions.csv</code>, <code>model.swnn</code>.</p>\n");
        if (sweepYaml is not null) page.Append($"<details><summary>The sweep file as given</summary><pre>{E(sweepYaml)}</pre></details>\n");
        End(page);
        return page.ToString();
    }

    private static readonly (string File, string What)[] Files =
    [
        ("summary.csv", "one row per trial"), ("aggregate.csv", "one row per configuration"), ("plan.csv", "the trials in plan order"),
        ("manifest.json", "code, machine and data that produced this"), ("sweep.yaml", "the sweep file"),
    ];

    private static void Winner(StringBuilder page, IReadOnlyList<ConfigurationSummary> configurations)
    {
        var ranked = configurations.Where(c => c.Score is not null).ToList();
        if (ranked.Count == 0)
        {
            page.Append("<div class=\"winner\">No trial has finished yet; this page is rewritten as each one does.</div>\n");
            return;
        }
        var best = ranked[0];
        bool test = best.TestAccuracy.Mean is not null;
        var stat = test ? best.TestAccuracy : best.BestValidationAccuracy;
        page.Append($"<div class=\"winner\"><b>Best configuration:</b> {E(best.Label)}<br>{(test ? "test" : "validation")} accuracy <b>{MeanSd(stat)}</b> over {stat.N} seed{(stat.N == 1 ? "" : "s")}");
        if (ranked.Count > 1)
        {
            var second = ranked[1];
            var s2 = test ? second.TestAccuracy : second.BestValidationAccuracy;
            double gap = (stat.Mean!.Value - (s2.Mean ?? 0)) * 100;
            double noise = Math.Max(stat.Sd ?? 0, s2.Sd ?? 0) * 100;
            page.Append($"<br>ahead of the runner-up, {E(second.Label)} ({MeanSd(s2)}), by {Num(gap, "F2")} percentage points");
            if (noise > 0 && gap < noise) page.Append(": less than one standard deviation over seeds, so more seeds are needed to tell them apart");
            else if (noise == 0) page.Append(" (one seed each: run more seeds to know whether the gap is real)");
        }
        page.Append("</div>\n");
    }

    private static void Problems(StringBuilder page, SweepResults results)
    {
        var bad = results.Trials.Where(t => t.Status is not ("completed" or "pending" or "pruned")).ToList();
        if (bad.Count == 0) return;
        page.Append($"<div class=\"warn\"><b>{bad.Count} trial{(bad.Count == 1 ? "" : "s")} did not complete:</b><ul>");
        foreach (var t in bad) page.Append($"<li><code>{E(t.Id)}</code> {E(t.Name)}: <b>{E(t.Status)}</b> — {E(t.Reason)}</li>");
        page.Append("</ul></div>\n");
    }
}
