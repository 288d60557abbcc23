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
        const string remedy = "`scripts/sweep run` (or `run --summary-only`) rebuilds it from the trial folders.";
        var table = CsvFiles.Read(layout.Summary, ["trial", "status", "name", .. SummaryFile.ResultColumns], remedy);
        // summary.csv: trial, status, name, <varying keys...>, best_val_accuracy, ...
        var header = table.Header.ToList();
        int first = header.IndexOf("name") + 1, last = header.IndexOf(SummaryFile.ResultColumns[0]);
        if (last < first) throw new ResultsFileException(layout.Summary, $"line 1: the columns are out of order (name must come before {SummaryFile.ResultColumns[0]}). {remedy}");
        var varying = header.Skip(first).Take(last - first).ToList();

        var trials = new List<TrialResult>(table.Rows.Count);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            double? Number(string column) => r[column].Length == 0 ? null
                : double.TryParse(r[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                : throw table.Damaged(i, $"{column} '{r[column]}' is not a number", remedy);
            int? Whole(string column) => Number(column) is double d ? d == Math.Floor(d) && d is >= 0 and <= int.MaxValue ? (int)d
                : throw table.Damaged(i, $"{column} '{r[column]}' is not a whole number", remedy) : null;
            if (!SummaryFile.IsState(r["status"])) throw table.Damaged(i, $"status '{r["status"]}' is not a trial state", remedy);
            if (r["trial"].Length == 0 || r["trial"].Any(c => !char.IsAsciiLetterOrDigit(c))) throw table.Damaged(i, $"trial '{r["trial"]}' is not a trial id", remedy);
            trials.Add(new TrialResult(
                r["trial"], r["status"], r["name"], varying.ToDictionary(k => k, k => r[k]),
                Number("best_val_accuracy"), Whole("best_epoch"), Number("test_accuracy"), Number("test_loss"),
                Whole("epochs") ?? 0, Number("train_seconds") ?? 0, r["reason"],
                MetricsFile.Read(layout.Trial(r["trial"]).Metrics)));
        }
        return new SweepResults(layout.Root, Manifest.SweepNameOf(layout), varying, trials);
    }
}
