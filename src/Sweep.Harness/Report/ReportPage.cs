using System.Text;
using Sweep.Harness.Report.Charts;
using static Sweep.Harness.Report.Html;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>How a results folder was produced, as the page shows it: the effective sweep, the latest run's
/// overrides and command line, and the first run's code and machine.</summary>
internal sealed record Provenance(string? SweepYaml, string? EffectiveYaml, Invocation? LastRun, Manifest? Manifest);

/// <summary>report.html of one sweep: how it was produced, the winner (chosen on validation) and by how much,
/// failures, the configuration and trial tables (sortable), every chart, links to every CSV.</summary>
internal static class ReportPage
{
    /// <summary>The most rows a table of the page shows: a search of thousands of trials keeps a page that opens at
    /// once and sorts at a click; the CSV beside it has every row.</summary>
    public const int MaxRows = 200;

    /// <summary>The trials the page lists and links to their own pages: all of them, or the <see cref="MaxRows"/>
    /// best by the selection metric (those without a value after), in plan order.</summary>
    public static IReadOnlyList<TrialResult> Listed(SweepResults results) => s_listed.GetValue(results, ListedOf);

    /// <summary>Each results' listed trials, worked out once: every trial page asks (its links to other seeds).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SweepResults,
        IReadOnlyList<TrialResult>> s_listed = new();

    private static IReadOnlyList<TrialResult> ListedOf(SweepResults results)
    {
        if (results.Trials.Count <= MaxRows) return results.Trials;
        var selection = results.Selection;
        double Rank(TrialResult t) => selection.Of(t) is double v && double.IsFinite(v)
            ? selection.HigherIsBetter ? -v : v : double.PositiveInfinity;
        var best = results.Trials.OrderBy(Rank).Take(MaxRows).ToHashSet();
        return results.Trials.Where(best.Contains).ToList();
    }

    /// <summary>The charts that answer a study's question at a glance, shown first: a grid's heatmap and interaction
    /// of the two keys that matter most, a search's best so far and which keys matter.</summary>
    private static bool Answers(Chart chart) => chart.FileName.StartsWith("grid-", StringComparison.Ordinal)
        || chart.FileName.StartsWith("interaction", StringComparison.Ordinal)
        || chart.FileName is "best-so-far" or "importance";

    /// <summary>How many of a configuration's trials completed; for one halving cut, "pruned at epoch N" rather
    /// than a 0 that reads as a failure.</summary>
    private static Cell Completed(ConfigurationSummary c) =>
        c.Completed == 0 && c.Trials.Count > 0 && c.Trials.All(t => t.Status == TrialState.Pruned)
        ? new Cell(E($"pruned at epoch {c.Trials.Max(t => t.Epochs)}"), "0")
        : Cell.Number(c.Completed, "F0");

    /// <summary>Says that a table shows only its first rows, and where the rest are.</summary>
    private static void Limited(StringBuilder page, int count, string what, string file, string resultsHref)
    {
        if (count <= MaxRows) return;
        page.Append(FormattableString.Invariant(
            $"<p class=\"meta\">The {MaxRows} best of {count:N0} {what} are shown; all of them are in ") +
            $"<a href=\"{FileHref(resultsHref + file)}\">{file}</a>.</p>\n");
    }

    /// <summary>A trial as the page names it: the name the run gave it, but in a search with `when:` keys, from its
    /// values without the ones it did not draw. The plan now names trials that way itself; a summary.csv written
    /// before it did still names every varying key, defaults included, and the page must not show those.</summary>
    public static string Name(SweepResults results, TrialResult trial) =>
        results.Conditions.Count == 0 ? trial.Name : results.Label(trial.Values, results.VaryingKeys);

    public static string Render(SweepResults results, IReadOnlyList<ConfigurationSummary> configurations,
        IReadOnlyList<(Chart Chart, byte[] Content)> charts,
        IChartRenderer renderer, Provenance provenance, DateTimeOffset generated, string resultsHref = "")
    {
        var page = new StringBuilder();
        Begin(page, $"{results.Name} — Sweep report");
        int Count(TrialState? s) => results.Trials.Count(t => t.Status == s);
        int completed = Count(TrialState.Completed), pending = Count(null), pruned = Count(TrialState.Pruned);
        page.Append(
            $"<h1>{E(results.Name)}</h1>\n<p class=\"meta\">{results.Trials.Count} trials in {configurations.Count} " +
            $"configurations: {completed} completed, " +
            (pruned > 0 ? $"{pruned} cut by successive halving, " : "") +
            $"{pending} not run yet, {results.Trials.Count - completed - pending - pruned} failed or stopped. Page " +
            $"written {Html.Timestamp(generated)}.</p>\n");
        SelectionNote(page, results.Selection);
        Winner(page, configurations, results.Selection);
        Problems(page, results);
        Stale(page, results);
        // The answer first: the charts that say which values win, under the winner box and above the tables.
        var leading = charts.Where(c => Answers(c.Chart)).ToList();
        if (leading.Count > 0)
        {
            page.Append("<h2>At a glance</h2>\n<div class=\"charts\">\n");
            foreach (var (chart, content) in leading) Figure(page, renderer, chart, content,
                $"charts/{chart.FileName}.{renderer.Extension}");
            page.Append("</div>\n");
        }
        // A halving sweep's ladder: what each result on the page was measured at, before the table that mixes them.
        RungTable.Append(page, results);

        var selection = results.Selection;
        page.Append(
            $"<h2>Configurations, best first</h2>\n<p class=\"meta\">Ranked by the mean {E(selection.Label)} over " +
            "seeds; ± is the standard deviation over seeds.</p>\n");
        var keys = results.ConfigurationKeys;
        string[] statHeader = selection.OnTest ? ["test accuracy (ranks)", "test loss"]
            : [$"{selection.Label} (ranks)", "test accuracy", "test loss"];
        Table(page, "configurations", ["rank", .. keys, "seeds", "completed", .. statHeader, "best validation accuracy",
            "train s"],
            configurations.Take(MaxRows).Select(c => (IReadOnlyList<Cell>)[
                Cell.Number(c.Rank, "F0"), .. keys.Select(k => Cell.Setting(results, c.Values, k)),
                Cell.Number(c.Trials.Count, "F0"), Completed(c),
                Cell.Stat(c.Selected), .. selection.OnTest ? Array.Empty<Cell>()
                    : [Cell.Stat(c.TestAccuracy)], Cell.Stat(c.TestLoss),
                Cell.Stat(c.BestValidationAccuracy), Cell.Seconds(c.TrainSeconds.Mean)]));
        Limited(page, configurations.Count, "configurations", "aggregate.csv", "");
        LentNote(page, results);

        page.Append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        foreach (var (chart, content) in charts.Where(c => !Answers(c.Chart))) Figure(page, renderer, chart, content,
            $"charts/{chart.FileName}.{renderer.Extension}");
        page.Append("</div>\n");
        if (configurations.FirstOrDefault()?.RepresentativeBy(selection) is { } winner)
        {
            var classes = SweepCharts.ClassNames(winner);
            page.Append(
                "<h2>The winner, class by class</h2>\n<p class=\"meta\">Trial " +
                $"<a href=\"{FileHref($"pages/{winner.Id}.html")}\">" +
                $"{E(winner.Id)}</a>, the typical seed of the best configuration.</p>\n");
            TrialPage.PerClass(page, results.Layout.Trial(winner.Id), c => classes.ElementAtOrDefault(c)
                ?? c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        page.Append(
            "<h2>Trials</h2>\n<p class=\"meta\">Each trial's page (its epochs, confusion matrix and configuration) " +
            "is linked from its id." + (results.LearnsAtRungs
                ? " <i>learned from</i>: the epoch whose validation metrics the search fitted this trial's proposal " +
                "to, the highest rung with enough configurations measured (blank: the random start-up)." : "") +
            "</p>\n<div class=\"scroll\">");
        Cell[] Learned(TrialResult t) => results.LearnsAtRungs ? [Cell.Number(t.LearnedFrom, "F0")] : [];
        Table(page, "trials", ["trial", "status", .. results.LearnsAtRungs ? ["learned from"] : Array.Empty<string>(),
            .. results.VaryingKeys, "val accuracy", "val loss", "tested epoch",
            "test accuracy", "test loss",
                "best val accuracy", "best epoch", "epochs", "train s", "stop reason", "reason"],
            Listed(results).Select(t => (IReadOnlyList<Cell>)[
                Cell.Link(t.Id, $"pages/{t.Id}.html"), Cell.Text(t.StatusText), .. Learned(t),
                .. results.VaryingKeys.Select(k =>
                    Cell.Setting(results, t.Values, k)),
                Cell.Number(t.ValidationAccuracy), Cell.Number(t.ValidationLoss), Cell.Number(t.TestedEpoch,
                    "F0"), Cell.Number(t.TestAccuracy), Cell.Number(t.TestLoss),
                Cell.Number(t.BestValidationAccuracy), Cell.Number(t.BestEpoch, "F0"), Cell.Number(t.Epochs,
                    "F0"), Cell.Seconds(t.TrainSeconds),
                Cell.Text(t.StopReason), Cell.Text(t.Reason)]));
        page.Append("</div>\n");
        Limited(page, results.Trials.Count, "trials", "summary.csv", resultsHref);

        HowProduced(page, provenance, resultsHref);
        page.Append("<h2>Files</h2>\n<p>");
        foreach (var (file, what) in Files) page.Append(
            $"<a href=\"{FileHref((file == "aggregate.csv" ? "" : resultsHref) + file)}\">{file}</a> ({what}) · ");
        page.Append(
            "each trial's folder <code>trials/&lt;trial&gt;/</code> holds <code>config.yaml</code>, " +
            "<code>metrics.csv</code>, <code>confusion.csv</code>, <code>per_class.csv</code>, " +
            "<code>test_predictions.csv</code>, <code>model.swnn</code>.</p>\n");
        End(page);
        return page.ToString();
    }

    private static readonly (string File, string What)[] Files =
    [
        ("summary.csv", "one row per trial, every setting"), ("aggregate.csv", "one row per configuration"),
            ("plan.csv", "the trials in plan order"),
        ("effective.yaml", "the sweep as it ran"), ("sweep.yaml", "the sweep file as given"),
            ("manifest.json", "code, machine and data of the first run"),
        ("invocations.jsonl", "every run, submit and report"),
    ];

    /// <summary>Times are one core's unless an idle worker lent a trial its core: then say which share, so that a
    /// study of training time is not read off trials that had two.</summary>
    private static void LentNote(StringBuilder page, SweepResults results)
    {
        var lent = results.Trials.Where(t => t.LentShare > 0).ToList();
        if (lent.Count == 0) return;
        string Share(double v) => v.ToString("P0", System.Globalization.CultureInfo.InvariantCulture);
        double least = lent.Min(t => t.LentShare), most = lent.Max(t => t.LentShare);
        string shares = Share(least) == Share(most) ? Share(most) : $"{Share(least)} to {Share(most)}";
        page.Append(
            $"<p class=\"meta\">{lent.Count} of {results.Trials.Count} trials trained {shares} of their batches " +
            "with a second core, lent by a worker that had no trial left (<code>lent_share</code> in summary.csv). " +
            "Their numbers are those of one core, but their training times are shorter. For a study of training " +
            "time, run with <code>--no-lending</code>.</p>\n");
    }

    private static void SelectionNote(StringBuilder page, Selection selection)
    {
        if (selection.OnTest)
            page.Append(
                "<div class=\"warn\"><b>Chosen on the test set.</b> This sweep has no validation split " +
                "(<code>data.split.validation</code> is 0), " +
                        "so configurations are ranked by test accuracy, which overstates the winner's accuracy on " +
                        "new data. " +
                        "Set <code>data.split.validation</code> to choose on validation data and keep the test set " +
                        "for the final number.</div>\n");
        else
            page.Append(
                "<p class=\"meta\">Configurations are ranked and the winner chosen by the mean <b>" +
                $"{E(selection.Label)}</b> over seeds " +
                        $"(<code>select: {E(selection.Name)}</code>), of each trial's tested epoch; test accuracy " +
                        "is reported beside it, never used to choose.</p>\n");
    }

    private static void Winner(StringBuilder page, IReadOnlyList<ConfigurationSummary> configurations,
        Selection selection)
    {
        var ranked = configurations.Where(c => c.Score is not null).ToList();
        if (ranked.Count == 0)
        {
            page.Append(
                "<div class=\"winner\">No trial has finished yet; this page is rewritten as each one does.</div>\n");
            return;
        }
        var best = ranked[0];
        page.Append(
            $"<div class=\"winner\"><b>Best configuration:</b> {E(best.Label)}<br>{E(selection.Label)} <b>" +
            $"{MeanSd(best.Selected)}</b> over {best.Selected.N} seed{(best.Selected.N == 1 ? "" : "s")}");
        if (!selection.OnTest && best.TestAccuracy.Mean is not null)
            page.Append($"; its test accuracy {MeanSd(best.TestAccuracy)}");
        if (ranked.Count > 1)
        {
            var second = ranked[1];
            double gap = Math.Abs(best.Selected.Mean!.Value - (second.Selected.Mean ?? 0));
            double noise = Math.Max(best.Selected.Sd ?? 0, second.Selected.Sd ?? 0);
            bool accuracy = selection.IsAccuracy;
            // An accuracy moves in steps of one validation sample: means closer than one step are a tie.
            int? samples = selection.OnTest ? null : best.Trials.Select(t => t.ValidationSamples).Max();
            string gapText = accuracy ? $"{Num(gap * 100, "F2")} percentage points" : Num(gap);
            if (accuracy && samples is int n && gap < 1.0 / n)
            {
                page.Append($"<br><b>tied</b> with the runner-up, {E(second.Label)} ({MeanSd(second.Selected)}): " +
                    $"their means differ by less than one of the {Num(n, "N0")} validation samples " +
                    $"({Num(100.0 / n, "F2")} percentage points); more validation data or seeds would tell them " +
                    "apart</div>\n");
                return;
            }
            page.Append($"<br>ahead of the runner-up, {E(second.Label)} ({MeanSd(second.Selected)}), by {gapText}");
            if (samples is int size) page.Append($" (validation set: {Num(size, "N0")} samples)");
            if (noise > 0 && gap < noise)
                page.Append(
                    ": less than one standard deviation over seeds, so more seeds are needed to tell them apart");
            else if (noise == 0) page.Append(" (one seed each: run more seeds to know whether the gap is real)");
        }
        page.Append("</div>\n");
    }

    private static void Problems(StringBuilder page, SweepResults results)
    {
        var bad = results.Trials.Where(t => t.Status is not (null or TrialState.Completed or TrialState.Pruned))
            .ToList();
        if (bad.Count == 0) return;
        page.Append($"<div class=\"warn\"><b>{bad.Count} trial{(bad.Count == 1 ? "" : "s")} did not complete:</b><ul>");
        foreach (var t in bad)
            page.Append($"<li><code>{E(t.Id)}</code> {E(Name(results, t))}: <b>{E(t.StatusText)}</b> — " +
                $"{E(t.Reason)}</li>");
        page.Append("</ul></div>\n");
    }

    private static void Stale(StringBuilder page, SweepResults results)
    {
        if (results.Stale.Count == 0) return;
        page.Append(
            $"<p class=\"meta\">{results.Stale.Count} trial folder{(results.Stale.Count == 1 ? " is" : "s are")} not " +
            "in the current plan " +
                    "(from an earlier version of the sweep); kept in <code>trials/</code> and left out of every " +
                    "ranking: " +
                    string.Join(", ", results.Stale.Take(20).Select(id => $"<code>{E(id)}</code>"))
                    + (results.Stale.Count > 20 ? ", …" : "") + ".</p>\n");
    }

    private static void HowProduced(StringBuilder page, Provenance p, string resultsHref)
    {
        page.Append("<h2>How this was produced</h2>\n<p>");
        if (p.LastRun is { } run)
        {
            page.Append(
                $"Latest run {Html.Timestamp(run.Time)}: <code>sweep {E(string.Join(' ', run.Arguments))}</code>");
            page.Append(
                run.Overrides.Count == 0 ? ", no overrides"
                : $", overrides <code>{E(string.Join(' ', run.Overrides))}</code>");
            page.Append($"; commit {E(run.GitCommit)}, Sweep {E(run.SweepVersion)}, on {E(run.Machine)}. ");
        }
        if (p.Manifest is { } m)
            page.Append($"First run {Html.Timestamp(m.Started)}, commit {E(m.GitCommit)}, on {E(m.Cpu)}. ");
        page.Append(
            $"Every run is in <a href=\"{FileHref(resultsHref + "invocations.jsonl")}\">invocations.jsonl</a>.</p>\n");
        if (p.EffectiveYaml is not null)
            page.Append(
                "<details><summary>The sweep as it ran (effective.yaml: overrides applied, defaults written " +
                $"out)</summary><pre>{E(p.EffectiveYaml)}</pre></details>\n");
        if (p.SweepYaml is not null)
            page.Append(
                "<details><summary>The sweep file as given (sweep.yaml)</summary><pre>" +
                $"{E(p.SweepYaml)}</pre></details>\n");
    }
}
