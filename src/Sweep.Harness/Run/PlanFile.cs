using Sweep.Harness.Plan;

namespace Sweep.Harness.Run;

/// <summary>plan.csv: the trials of the sweep in order, with the values that vary.</summary>
public static class PlanFile
{
    public static void Write(SweepPlan plan, string path) => CsvFiles.Write(path, ["index", "trial", "duplicate_of", .. plan.VaryingKeys],
        plan.Trials.Select(t => (IReadOnlyList<object?>)[t.Index, t.Id, t.DuplicateOf is int d ? plan.Trials[d].Id : null, .. t.Varying.Select(kv => (object?)kv.Value)]));
}
