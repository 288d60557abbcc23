using System.Globalization;
using Sweep.Harness.Run;

namespace Sweep.Harness.Report;

/// <summary>
/// A results folder read back from its files alone (summary.csv, the trials' metrics.csv): what `sweep report`
/// and `sweep compare` work from, so a folder copied off a cluster reports the same as one made here.
/// </summary>
public sealed record SweepResults(string Dir, string Name, IReadOnlyList<string> VaryingKeys, IReadOnlyList<TrialResult> Trials)
{
    public const string SeedKey = "seed";

    /// <summary>The keys that tell configurations apart: the varying keys but the seed.</summary>
    public IReadOnlyList<string> ConfigurationKeys => VaryingKeys.Where(k => k != SeedKey).ToList();

    public ResultsLayout Layout => new(Dir);

    /// <exception cref="ReportException">When the folder is not a results folder or its summary is damaged.</exception>
    public static SweepResults Load(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (!Directory.Exists(layout.Root)) throw new ReportException($"{layout.Root}: no such folder.");
        if (!File.Exists(layout.Summary))
            throw new ReportException($"{layout.Root} has no summary.csv: it is not a results folder, or its sweep has not run yet (`scripts/sweep run FILE --out {dir}`).");
        List<Dictionary<string, string>> rows;
        IReadOnlyList<string> header;
        try
        {
            rows = CsvFiles.Read(layout.Summary);
            header = CsvFiles.ReadHeader(layout.Summary);
        }
        catch (Exception e) when (e is not OutOfMemoryException) // whatever the CSV reader makes of a damaged file
        {
            throw new ReportException($"{layout.Summary}: cannot read it ({e.Message}). `scripts/sweep run` rebuilds it from the trial folders.");
        }
        // summary.csv: trial, status, name, <varying keys...>, best_val_accuracy, ...
        int first = header.ToList().IndexOf("name") + 1, last = header.ToList().IndexOf("best_val_accuracy");
        if (first <= 0 || last < first || !header.Contains("trial") || !header.Contains("status")) throw new ReportException($"{layout.Summary}: the header lacks the columns `trial`, `status`, `name` or `best_val_accuracy`; it was not written by Sweep.");
        var varying = header.Skip(first).Take(last - first).ToList();

        var trials = rows.Select(r => new TrialResult(
            r["trial"], r["status"], r["name"], varying.ToDictionary(k => k, k => r[k]),
            Number(r, "best_val_accuracy"), (int?)Number(r, "best_epoch"), Number(r, "test_accuracy"), Number(r, "test_loss"),
            (int)(Number(r, "epochs") ?? 0), Number(r, "train_seconds") ?? 0, r.GetValueOrDefault("reason", ""),
            ReadMetrics(layout.Trial(r["trial"]).Metrics))).ToList();
        return new SweepResults(layout.Root, Manifest.SweepNameOf(layout), varying, trials);
    }

    private static double? Number(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;

    /// <summary>A trial whose metrics cannot be read is shown without its curve, not dropped from the report.</summary>
    private static IReadOnlyList<EpochRow> ReadMetrics(string path)
    {
        try { return MetricsFile.Read(path); }
        catch (Exception e) when (e is IOException or ResultsFileException) { return []; }
    }
}
