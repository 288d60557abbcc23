using System.Globalization;
using System.Text;
using Sweep.Core.Files;
using static Sweep.Harness.Report.Html;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// One trial's own page (pages/&lt;id&gt;.html beside report.html), linked from the trials table: its configuration,
/// how it ended and which epoch was tested, its metrics epoch by epoch, and, when it was tested, its confusion matrix
/// and per-class precision, recall and F1 with the data set's class names. Tables only, so that a sweep of many trials
/// still rebuilds its page in a moment.
/// </summary>
internal static class TrialPage
{
    /// <param name="renderer">Draws the trial's curves; inlined as SVG when it gives one (crisp, and no PNG to
    /// encode).</param>
    public static string Render(SweepResults results, TrialResult trial, string resultsHref,
        Charts.IChartRenderer renderer) => Render(results, trial, resultsHref, renderer,
            Inputs(results, trial, resultsHref, renderer));

    /// <summary>
    /// A digest of everything a trial's page is made from: the Sweep that draws it, how charts are drawn, where the
    /// results are, the sweep's name and the trial's label, and the trial's own files (their sizes and times). A
    /// finished trial's files do not change, so a sweep of thousands of trials redraws only the pages of trials that
    /// changed since the last build, and a live page's refreshes cost what the new trials cost, not the whole sweep
    /// again.
    /// </summary>
    public static string Inputs(SweepResults results, TrialResult trial, string resultsHref,
        Charts.IChartRenderer renderer)
    {
        var folder = results.Layout.Trial(trial.Id);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(
            System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(text));
            hash.AppendData([0]);
        }
        var facts = Results.MachineFacts.Current;
        Add(facts.SweepVersion);
        Add(facts.GitCommit);
        Add(renderer.GetType().FullName + renderer.Extension);
        Add(resultsHref);
        Add(results.Name);
        Add(ReportPage.Name(results, trial));
        // Its row of summary.csv (in any culture the same text): the page states it, and the row can lag the trial's
        // files by up to a second (the live summary), so a page drawn in between must be drawn again once the row
        // catches up.
        Add(FormattableString.Invariant($"{trial.StatusText}|{trial.Epochs}|{trial.TestedEpoch}|{trial.BestEpoch}"));
        Add(FormattableString.Invariant($"{trial.ValidationAccuracy:R}|{trial.ValidationLoss:R}"));
        Add(FormattableString.Invariant($"{trial.TestAccuracy:R}|{trial.TestLoss:R}|{trial.BestValidationAccuracy:R}"));
        Add(FormattableString.Invariant($"{trial.TrainSeconds:R}|{trial.LentShare:R}|{trial.ValidationSamples}"));
        Add(trial.StopReason + "|" + trial.Reason);
        Add(string.Join(',', OtherSeeds(results, trial).Select(t => t.Id)));
        // Each file by its size and time: every file of a trial is written whole under a new name and renamed, so
        // either changes whenever the file does, and nothing is read again.
        foreach (string path in folder.Readable)
        {
            var info = new FileInfo(path);
            string file = Path.GetFileName(path);
            Add(info.Exists ? FormattableString.Invariant($"{file}:{info.Length}:{info.LastWriteTimeUtc.Ticks}")
                : file + ":-");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether the page at <paramref name="path"/> was made from these inputs: then it would come out the
    /// same, and is left as it is.</summary>
    public static bool IsCurrent(string path, string inputs)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var stream = BoundedFile.OpenRead(path, 64L << 20, "a trial's page");
            var head = new byte[512];
            int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(head, 0, n).Contains($"<meta name=\"sweep-inputs\" content=\"{inputs}\">",
                StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileLimitException or IOException) { return false; }
    }

    /// <param name="inputs">The page's <see cref="Inputs"/>, kept in its head.</param>
    public static string Render(SweepResults results, TrialResult trial, string resultsHref,
        Charts.IChartRenderer renderer, string inputs)
    {
        var folder = results.Layout.Trial(trial.Id);
        var classes = SweepCharts.ClassNames(trial);
        string Name(int c) => classes.ElementAtOrDefault(c) ?? c.ToString(CultureInfo.InvariantCulture);
        var page = new StringBuilder();
        Begin(page, $"{trial.Id} — {results.Name}", inputs);
        page.Append(
            $"<p class=\"meta\"><a href=\"../report.html\">← {E(results.Name)}</a></p>\n<h1>Trial " +
            $"{E(trial.Id)}</h1>\n");
        page.Append(
            $"<p>{E(ReportPage.Name(results, trial))}: <b>{E(trial.StatusText)}</b>" +
            $"{(trial.StopReason.Length > 0 ? $" ({E(trial.StopReason)})" : "")}" +
            $"{(trial.Reason.Length > 0 ? $" — {E(trial.Reason)}" : "")}. " +
            $"{trial.Epochs} epoch{(trial.Epochs == 1 ? "" : "s")}" +
            (trial.TestedEpoch is int e
                ? $"; tested epoch {e}: validation accuracy {Num(trial.ValidationAccuracy)}, " +
                  $"test accuracy {Num(trial.TestAccuracy)}"
                : "") +
            ".</p>\n");

        Settings(page, results, trial);
        if (trial.Status is TrialState.Diverged or TrialState.Failed or TrialState.TimedOut or TrialState.Interrupted)
            page.Append($"<div class=\"warn\"><b>This trial {E(trial.StatusText.Replace('_', ' '))}</b>" +
                (trial.Reason.Length > 0 ? $": {E(trial.Reason)}" : "") +
                (trial.Metrics.Count == 0 ? ". No epoch finished, so there is nothing to chart." : ".") +
                (File.Exists(folder.Error) ? $" The whole error is in <a href=\"" +
                    $"{FileHref($"../{resultsHref}trials/{trial.Id}/error.txt")}\">error.txt</a>." : "") +
                "</div>\n");
        if (trial.Metrics.Count > 0)
        {
            page.Append("<div class=\"charts\">");
            // A program's trial may report no accuracy (or no loss): no empty chart for it.
            foreach (var chart in Curves(trial).Where(c => c.Series.Any(s => s.Points.Count > 0)))
                Inline(page, renderer, chart);
            page.Append("</div>\n");
        }
        page.Append("<h2>Epochs</h2>\n");
        // The share of an epoch's batches with a lent second core, where there was one: its seconds are not one core's.
        bool lent = trial.Metrics.Any(m => m.LentShare > 0);
        Table(page, "epochs", ["epoch", "train loss", "train accuracy", "val loss", "val accuracy", "learning rate",
            "seconds", .. lent ? ["with a lent core"] : Array.Empty<string>()],
            trial.Metrics.Select(m =>
                (IReadOnlyList<Cell>)[Cell.Number(m.Epoch, "F0"), Cell.Number(m.TrainLoss),
                Cell.Number(m.TrainAccuracy), Cell.Number(m.ValidationLoss),
                Cell.Number(m.ValidationAccuracy), Cell.Number(m.LearningRate, "G4"), Cell.Seconds(m.Seconds),
                .. lent ? [Cell.Number(m.LentShare, "P0")] : Array.Empty<Cell>()]));

        if (ConfusionFile.Read(folder.Confusion) is { } counts)
        {
            page.Append(
                "<h2>Confusion matrix (test set; rows actual, columns predicted)</h2>\n<div class=\"scroll\"><table " +
                "class=\"confusion\"><tr><th></th>");
            for (int p = 0; p < counts.Length; p++) page.Append($"<th>{E(Name(p))}</th>");
            page.Append("</tr>\n");
            for (int a = 0; a < counts.Length; a++)
            {
                long total = Math.Max(1, counts[a].Sum());
                page.Append($"<tr><th>{E(Name(a))}</th>");
                for (int p = 0; p < counts.Length; p++)
                {
                    var (fill, ink) = Charts.Palette.Shade((double)counts[a][p] / total);
                    page.Append($"<td style=\"background:{fill};color:{ink};text-align:right\">{counts[a][p]}</td>");
                }
                page.Append("</tr>\n");
            }
            page.Append("</table></div>\n");
            PerClass(page, folder, Name);
        }

        page.Append("<h2>Configuration</h2>\n");
        if (TrialConfigFile.ReadText(folder.Config) is { } config) page.Append($"<pre>{E(config)}</pre>\n");
        string files = string.Join(" · ", folder.Readable.Where(File.Exists).Select(Path.GetFileName)
            .Select(f => $"<a href=\"{FileHref($"../{resultsHref}trials/{trial.Id}/{f}")}\">{f}</a>"));
        page.Append($"<p>Files: {files}</p>\n");
        End(page);
        return page.ToString();
    }

    /// <summary>The trial's accuracy and its loss per epoch, training and validation (overfitting shows in the
    /// loss first), and the learning rate, with the tested epoch marked when it is not the last.</summary>
    private static IEnumerable<Charts.XyChart> Curves(TrialResult trial)
    {
        bool markers = trial.Metrics.Count <= 2;
        IReadOnlyList<Charts.Mark>? tested = trial.TestedEpoch is int t && t != trial.Epochs
            ? [new Charts.Mark(t, $"tested: epoch {t}")] : null;
        // The sweep page's roles: validation black, training grey and dashed.
        Charts.Series Line(string label, bool validation, Func<EpochRow, double?> value) => new(label,
            validation ? Charts.Palette.Summary : Charts.Palette.Trial,
            trial.Metrics.Where(m => value(m) is double v && double.IsFinite(v))
            .Select(m => new Charts.DataPoint(m.Epoch, value(m)!.Value)).ToList(), Markers: markers,
            Style: validation ? 0 : 1);
        yield return new Charts.XyChart($"Trial {trial.Id}: accuracy per epoch", "curves",
            new Charts.Axis("epoch", Whole: true), new Charts.Axis("accuracy", Max: 1),
            [Line("training", false, m => m.TrainAccuracy), Line("validation", true, m => m.ValidationAccuracy)],
            tested);
        yield return new Charts.XyChart($"Trial {trial.Id}: loss per epoch", "loss",
            new Charts.Axis("epoch", Whole: true), new Charts.Axis("loss"),
            [Line("training", false, m => m.TrainLoss), Line("validation", true, m => m.ValidationLoss)], tested);
        // The rate each epoch trained at: a schedule's decay or warm-up shows beside the curves it shaped.
        yield return new Charts.XyChart($"Trial {trial.Id}: learning rate per epoch", "learning-rate",
            new Charts.Axis("epoch", Whole: true), new Charts.Axis("learning rate", Min: 0),
            [Line("learning rate", true, m => m.LearningRate) with { Label = null }], tested);
    }

    /// <summary>A chart inline: SVG when the renderer gives one (crisp, no XML declaration), else an image.</summary>
    private static void Inline(StringBuilder page, Charts.IChartRenderer renderer, Charts.XyChart chart)
    {
        if (renderer.RenderVector(chart) is { } vector && Encoding.UTF8.GetString(vector) is var svg)
            page.Append("<figure class=\"chart\">").Append(svg[svg.IndexOf("<svg", StringComparison.Ordinal)..])
                .Append("</figure>");
        else Figure(page, renderer, chart, renderer.Render(chart), null);
    }

    /// <summary>The keys the sweep varies, with this trial's values, and links to the pages of the same
    /// configuration's other seeds (those the report lists).</summary>
    private static void Settings(StringBuilder page, SweepResults results, TrialResult trial)
    {
        var keys = results.VaryingKeys;
        if (keys.Count > 0)
            page.Append("<p class=\"varied\">" + string.Join(" · ", keys.Select(k =>
                $"{E(k)} = <b>{(results.Drew(trial.Values, k) ? E(trial.Values[k]) : "– (not drawn)")}</b>")) +
                "</p>\n");
        var others = OtherSeeds(results, trial);
        if (others.Count > 0)
            page.Append("<p class=\"meta\">The same configuration with other seeds: " + string.Join(", ",
                others.Select(o => $"<a href=\"{FileHref($"{o.Id}.html")}\">seed {E(o.Values.GetValueOrDefault(
                    SweepResults.SeedKey) ?? o.Settings.GetValueOrDefault(SweepResults.SeedKey) ?? o.Id)}</a> " +
                    $"({E(o.StatusText)}, validation accuracy {Num(o.ValidationAccuracy)})")) + ".</p>\n");
    }

    /// <summary>The trials of the same configuration with other seeds that the report lists (so have a page).
    /// </summary>
    private static List<TrialResult> OtherSeeds(SweepResults results, TrialResult trial)
    {
        var keys = results.ConfigurationKeys;
        return ReportPage.Listed(results).Where(t => t.Id != trial.Id
            && keys.All(k => t.Values[k] == trial.Values[k])).ToList();
    }

    /// <summary>per_class.csv as a table with the class names: where the winner is weak.</summary>
    public static void PerClass(StringBuilder page, TrialFolder folder, Func<int, string> name)
    {
        if (PerClassFile.Read(folder.PerClass) is not { } rows) return;
        page.Append("<h3>Per class (test set)</h3>\n");
        Table(page, "per-class-" + folder.Dir.GetHashCode(StringComparison.Ordinal)
            .ToString("x8", CultureInfo.InvariantCulture), ["class", "precision", "recall", "f1", "support"],
            rows.Select(r => (IReadOnlyList<Cell>)[Cell.Text(name(r.Class)), Cell.Number(r.Precision),
                Cell.Number(r.Recall), Cell.Number(r.F1), Cell.Number(r.Support, "F0")]));
    }
}
