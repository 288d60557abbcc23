using System.Globalization;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Report;

/// <summary>
/// A results folder written by hand with known numbers: 4 configurations (optimizer.lr × model.hidden) × 2 seeds,
/// one trial diverged and one not run yet, so every report path has something to show.
/// </summary>
internal static class ResultsFixture
{
    public static readonly string[] Lrs = ["0.001", "0.01"];
    public static readonly string[] Hidden = ["[16]", "[64]"];

    /// <param name="epochs">The fixed train.epochs the trials record (their metrics have 5 epochs whatever it
    /// says): two folders that differ in it share no configuration.</param>
    /// <param name="hidden">The widths tried, in plan order (<see cref="Hidden"/> unless given); the later ones
    /// score higher.</param>
    /// <param name="lentShare">lent_share of the first trial (the others 0).</param>
    public static string Write(string dir, string epochs = "5", string[]? hidden = null, double lentShare = 0)
    {
        string[] widths = hidden ?? Hidden;
        var layout = new ResultsLayout(dir);
        Directory.CreateDirectory(layout.TrialsDir);
        File.WriteAllText(layout.SweepFile, "name: fixture\n");
        Manifest.Create("fixture", new Dictionary<string, string>()).SaveIfAbsent(layout);
        var rows = new List<IReadOnlyList<object?>>();
        var plan = new List<IReadOnlyList<object?>>();
        int n = 0;
        foreach (var lr in Lrs)
            foreach (var width in widths)
                for (int seed = 1; seed <= 2; seed++, n++)
                {
                    string id = $"trial{n:D2}";
                    string status = n == 3 ? "diverged" : n == 7 ? "pending" : "completed";
                    double quality = 0.80 + 0.04 * Array.IndexOf(Lrs, lr) + 0.05 * Array.IndexOf(widths,
                        width) + 0.01 * seed;
                    var metrics = status == "pending" ? [] : Enumerable.Range(1, 5)
                        .Select(e => new EpochRow(e, 1.5 / e, quality - 0.3 / e, 1.6 / e,
                        quality - 0.35 / e + 0.002 * seed, 0.001, 0.5 + 0.01 * n, n == 0 ? lentShare : 0)).ToList();
                    var folder = layout.Trial(id);
                    Directory.CreateDirectory(folder.Dir);
                    if (metrics.Count > 0) MetricsFile.Write(folder.Metrics, metrics);
                    bool done = status == "completed";
                    // Settings: the varying three, two fixed ones, the rest not set.
                    var settings = SummaryFile.SettingColumns.Select(k => (object?)(k switch
                    {
                        "optimizer.lr" => lr, "model.hidden" => width, "seed" =>
                            seed.ToString(CultureInfo.InvariantCulture),
                        "data.dataset" => "digits8x8", "train.epochs" => epochs, _ => null,
                    }));
                    rows.Add([id, status, $"optimizer.lr={lr} model.hidden={width} seed={seed}",
                        done ? metrics[^1].ValidationAccuracy : null, done ? metrics[^1].ValidationLoss : null,
                            done ? 5 : null, done ? quality : null, done ? 0.5 - quality / 4 : null,
                        done ? metrics.Max(m => m.ValidationAccuracy) : null, done ? 5 : null,
                        metrics.Count, metrics.Sum(m => m.Seconds), done ? 1000 : 0, n == 0 ? lentShare : 0,
                            done ? "completed all epochs" : "",
                            n == 3 ? "training loss became NaN or infinite in epoch 3" : "",
                        done ? 200 : null, .. settings]);
                    plan.Add([n, id, null, lr, width, seed]);
                    if (done) WriteEvaluation(folder, n);
                }
        CsvFiles.Write(layout.Summary, [.. SummaryFile.LeadColumns, .. SummaryFile.ResultColumns,
            .. SummaryFile.SettingColumns], rows);
        CsvFiles.Write(layout.PlanFile, ["index", "trial", "duplicate_of", "optimizer.lr", "model.hidden", "seed"],
            plan);
        return layout.Root;
    }

    private static void WriteEvaluation(TrialFolder folder, int n)
    {
        const int Classes = 3;
        CsvFiles.Write(folder.Confusion, ["actual", "predicted_0", "predicted_1", "predicted_2"],
            Enumerable.Range(0, Classes)
            .Select(a =>
                (IReadOnlyList<object?>)[a, .. Enumerable.Range(0, Classes)
                .Select(p => (object?)(a == p ? 40 + a + n : (a + 2 * p) % 5))]));
        CsvFiles.Write(folder.PerClass, ["class", "precision", "recall", "f1", "support"],
            Enumerable.Range(0, Classes)
            .Select(c => (IReadOnlyList<object?>)[c, 0.9 - 0.1 * c, 0.8, 0.85 - 0.05 * c, 40 + c]));
        var digit = new byte[64];
        for (int i = 0; i < 64; i++) digit[i] = (byte)(i % 8 is 2 or 5 ? 255 : i / 8 is 1 or 6 ? 200 : 0);
        CsvFiles.Write(folder.Misclassified, MisclassifiedFile.Header,
            [[7, 0, 2, 8, 8, Convert.ToHexString(digit)],
            [9, 1, 0, 8, 8, Convert.ToHexString(digit.Reverse().ToArray())]]);
    }

    public static string Culture(Func<string> action, string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
