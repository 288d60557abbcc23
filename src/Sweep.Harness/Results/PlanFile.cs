using Sweep.Harness.Plan;

namespace Sweep.Harness.Results;

/// <summary>plan.csv: the trials of the sweep in order, with the values that vary; for a model-based search under
/// halving, also the epoch whose metrics each trial's proposal learned from (`learned_from_epoch`, empty for the
/// random start-up).</summary>
public static class PlanFile
{
    private static readonly string[] Lead = ["index", "trial", "duplicate_of"];
    public const string LearnedFrom = "learned_from_epoch";

    public static void Write(SweepPlan plan, string path)
    {
        var learned = plan.Search?.LearnedFrom ?? [];
        int seeds = plan.Spec.Seeds.Count;
        bool withLearned = learned.Count > 0;
        object? LearnedBy(TrialPlan t) => t.Index / seeds < learned.Count ? learned[t.Index / seeds] : null;
        CsvFiles.Write(path, [.. Lead, .. withLearned ? [LearnedFrom] : Array.Empty<string>(), .. plan.VaryingKeys],
            plan.Trials.Select(t =>
                (IReadOnlyList<object?>)[t.Index, t.Id, t.DuplicateOf is int d ? plan.Trials[d].Id : null,
                .. withLearned ? [LearnedBy(t)] : Array.Empty<object?>(),
                .. t.Varying.Select(kv => (object?)kv.Value)]));
    }

    /// <summary>The plan as the folder records it: the varying keys, the ids of the trials to run (duplicates left
    /// out), and where recorded, the epoch each trial's proposal learned from.</summary>
    public sealed record Recorded(IReadOnlyList<string> VaryingKeys, IReadOnlyList<string> Trials,
        IReadOnlyDictionary<string, int?> LearnedFrom);

    /// <exception cref="ResultsFileException">Damaged: a column missing or twice, a row of the wrong
    /// length.</exception>
    public static Recorded Read(ResultsLayout layout)
    {
        const string remedy = "`scripts/sweep run` or `submit` writes it again.";
        var table = CsvFiles.Read(layout.PlanFile, Lead, remedy);
        bool withLearned = table.Header.Count > Lead.Length && table.Header[Lead.Length] == LearnedFrom;
        var learned = new Dictionary<string, int?>(StringComparer.Ordinal);
        if (withLearned)
            for (int i = 0; i < table.Rows.Count; i++)
            {
                string cell = table.Rows[i][LearnedFrom];
                learned[table.Rows[i]["trial"]] = cell.Length == 0 ? null
                    : int.TryParse(cell, System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out int e) ? e
                    : throw table.Damaged(i, $"{LearnedFrom} '{cell}' is not an epoch", remedy);
            }
        var rows = table.Rows.Where(r => r["duplicate_of"] == "").ToList();
        return new Recorded(table.Header.Skip(Lead.Length + (withLearned ? 1 : 0)).ToList(),
            rows.Select(r => r["trial"]).ToList(), learned);
    }
}
