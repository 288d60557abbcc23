using Sweep.Core.Files;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>Options of a sweep's report. <see cref="ColourBy"/> is the varying key the curves are coloured by;
/// <see cref="OutputDir"/> is where the page, aggregate.csv and charts go (default: the results folder itself, which
/// may then be read-only). <see cref="Threads"/> draws that many charts at once (each chart is drawn alone, so the
/// bytes are the same): all cores for a page someone waits for, one for the refreshes that run beside
/// training.</summary>
public sealed record ReportOptions(string? ColourBy = null, IChartRenderer? Renderer = null, string? OutputDir = null,
    int Threads = 1);

/// <summary>
/// Builds a sweep's report from its results folder alone: aggregate.csv, charts/*.svg and report.html, each written
/// to a temporary name and renamed, so the page can be open in a browser while the sweep runs.
/// </summary>
public static class ReportBuilder
{
    /// <returns>The path of report.html.</returns>
    /// <exception cref="ResultsFolderException">When the folder is not a results folder.</exception>
    /// <exception cref="ReportException">When the colour-by key does not
    /// vary.</exception>
    public static string Build(string resultsDir, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        var renderer = options.Renderer ?? new ScottPlotRenderer();
        var results = SweepResults.Load(resultsDir);
        if (options.ColourBy is { } key && !results.ConfigurationKeys.Contains(key))
            throw ReportException.BadOption($"--colour-by {key}: not a parameter that varies in this sweep;",
                "choose one of: " + (results.ConfigurationKeys.Count == 0
                    ? "(none vary)." : string.Join(", ", results.ConfigurationKeys) + "."));
        var layout = results.Layout;
        var output = new ResultsLayout(options.OutputDir ?? layout.Root);
        if (output.Root != layout.Root && output.HoldsResults)
            throw ReportException.BadOption($"--out {options.OutputDir} holds another sweep's results;",
                "this page, its charts and aggregate.csv would replace that sweep's own: choose another folder.");
        var configurations = Aggregation.ByConfiguration(results);
        AggregateFile.Write(output.Aggregate, results, configurations);
        var shape = StudyShape.Of(results, configurations);
        ImportanceFile.Write(output.Importance, shape.Importance,
            results.ConfigurationKeys.Where(results.Conditions.ContainsKey), results.Selection);

        List<(Chart Chart, byte[] Content, byte[]? Vector)> charts;
        try
        {
            charts = SweepCharts.For(results, configurations, options.ColourBy, shape)
                .AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, options.Threads))
                .Select(c => (Chart: c, Content: renderer.Render(c), Vector: renderer.RenderVector(c))).ToList();
        }
        // Drawn on several threads, a chart's failure arrives wrapped: it is passed on as itself, as on one thread.
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        WriteGuard.CreateDirectory(output.ChartsDir);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (chart, content, vector) in charts)
        {
            string file = Path.Combine(output.ChartsDir, $"{chart.FileName}.{renderer.Extension}");
            AtomicFile.Write(file, s => s.Write(content));
            written.Add(file);
            if (vector is null) continue;
            file = Path.Combine(output.ChartsDir, $"{chart.FileName}.svg");
            AtomicFile.Write(file, s => s.Write(vector));
            written.Add(file);
        }
        RemoveStaleCharts(output.ChartsDir, written);
        string? Text(string path) => File.Exists(path) ? BoundedFile.ReadAllText(path, 64L << 20,
            Path.GetFileName(path)) : null;
        var provenance = new Provenance(Text(layout.SweepFile), Text(layout.EffectiveSweep),
            InvocationLog.Read(layout).LastOrDefault(i => i.Command == "run" && i.Event == "started"),
            Manifest.Read(layout));
        // Links to the results' own files (summary, trials) lead from wherever the page is to the results folder.
        string resultsHref = output.Root == layout.Root ? "" : Path.GetRelativePath(output.Root,
            layout.Root).Replace('\\', '/') + "/";
        // A page for each trial the page lists (all of them, or the best ReportPage.MaxRows: the rest are rows of
        // summary.csv), drawn again only when what it shows changed (TrialPage.Inputs): a sweep of thousands of
        // trials draws the pages of its new leaders, not of every trial.
        foreach (var trial in ReportPage.Listed(results))
        {
            string path = output.TrialPage(trial.Id);
            string inputs = TrialPage.Inputs(results, trial, resultsHref, renderer);
            if (!TrialPage.IsCurrent(path, inputs))
                AtomicFile.WriteAllText(path, TrialPage.Render(results, trial, resultsHref, renderer, inputs));
        }
        AtomicFile.WriteAllText(output.ReportPage,
            ReportPage.Render(results, configurations, charts.Select(c => (c.Chart, c.Content)).ToList(), renderer,
            provenance, DateTimeOffset.Now, resultsHref));
        return output.ReportPage;
    }

    /// <summary>Charts an earlier build drew and this one did not (a heatmap drawn mid-run, before the study had the
    /// shape it needs): left in charts/, they would read as this sweep's results.</summary>
    private static void RemoveStaleCharts(string chartsDir, IReadOnlySet<string> written)
    {
        foreach (string file in Directory.EnumerateFiles(chartsDir))
            if (Path.GetExtension(file) is ".png" or ".svg" && !written.Contains(file)) File.Delete(file);
    }
}
