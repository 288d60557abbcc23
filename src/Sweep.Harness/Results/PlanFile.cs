using Sweep.Harness.Plan;

namespace Sweep.Harness.Results;

/// <summary>plan.csv: the trials of the sweep in order, with the values that vary.</summary>
public static class PlanFile
{
    private static readonly string[] Lead = ["index", "trial", "duplicate_of"];

    public static void Write(SweepPlan plan, string path) => CsvFiles.Write(path, [.. Lead, .. plan.VaryingKeys],
        plan.Trials.Select(t =>
            (IReadOnlyList<object?>)[t.Index, t.Id, t.DuplicateOf is int d ? plan.Trials[d].Id
            : null, .. t.Varying.Select(kv => (object?)kv.Value)]));

    /// <summary>The plan as the folder records it: the varying keys, and the ids of the trials to run (duplicates left
    /// out).</summary>
    public sealed record Recorded(IReadOnlyList<string> VaryingKeys, IReadOnlyList<string> Trials);

    /// <exception cref="ResultsFileException">Damaged: a column missing or twice, a row of the wrong
    /// length.</exception>
    public static Recorded Read(ResultsLayout layout)
    {
        var table = CsvFiles.Read(layout.PlanFile, Lead, "`scripts/sweep run` or `submit` writes it again.");
        return new Recorded(table.Header.Skip(Lead.Length).ToList(), table.Rows.Where(r => r["duplicate_of"] == "")
            .Select(r => r["trial"]).ToList());
    }
}
