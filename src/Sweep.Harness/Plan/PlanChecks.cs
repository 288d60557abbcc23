using Sweep.Data.Catalogue;

namespace Sweep.Harness.Plan;

/// <summary>
/// What `validate`, `plan` and `run` say about a plan beyond the file itself: data that is not on this machine (an
/// error: the sweep cannot run), and a sweep that would choose its winner on the test set (a warning).
/// </summary>
public static class PlanChecks
{
    /// <summary>Each data set or data file the plan needs and this machine lacks, with what to do.</summary>
    public static IReadOnlyList<string> MissingData(SweepPlan plan, DataLocator locator)
    {
        var missing = new List<string>();
        string folder = Path.GetDirectoryName(plan.Spec.File)!;
        if (plan.Spec.Program is { } program && Spec.ProgramChecks.Missing(program, folder) is { } lacking)
            missing.Add(lacking);
        foreach (var name in plan.Trials.Select(t => t.Config.GetValueOrDefault("data.dataset") as string)
            .OfType<string>().Distinct())
            if (DatasetCatalogue.TryGet(name, out var entry) && locator.Find(entry).Values.Any(p => p is null))
                missing.Add(
                    $"data.dataset: {name} is not on this machine (looked in " +
                    $"{string.Join(", ", locator.Folders.Select(f => Path.Combine(f, name)))}). " +
                            $"`scripts/sweep data fetch {name}` downloads it, or point SWEEP_DATA at a folder that " +
                            $"has {name}/ in it.");
        string[] fileKeys = ["data.files.train_images", "data.files.train_labels", "data.files.test_images",
            "data.files.test_labels", "data.files.csv"];
        foreach (var (key,
            path) in plan.Trials.SelectMany(t => fileKeys.Select(k => (k, t.Config.GetValueOrDefault(k) as string)))
            .Distinct())
            if (path is not null && !File.Exists(Path.GetFullPath(Path.Combine(folder, path))))
                missing.Add($"{key}: {path} does not exist (relative to {folder}).");
        return missing;
    }

    /// <summary>Null when the plan chooses on validation data; else what choosing on the test set means and the
    /// fix.</summary>
    public static string? SelectionWarning(SweepPlan plan)
    {
        int configurations =
            plan.Trials.Select(t => string.Join('\u001f', plan.VaryingKeys.Where(k => k != "seed")
            .Select(k => t.Varying.First(kv => kv.Key == k).Value))).Distinct().Count();
        // A program reports what it measures; the page says when no validation metric came.
        if (configurations < 2 || plan.Spec.Program is not null
            || plan.Trials.All(t => t.Config.GetValueOrDefault("data.split.validation") is double v && v > 0))
            return null;
        return "data.split.validation is 0 for some trials: with no validation split the winner is chosen on the " +
            "test set, " +
               "which overstates its accuracy. Set data.split.validation (e.g. 0.1) to choose on validation data.";
    }
}
