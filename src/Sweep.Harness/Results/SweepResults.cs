using System.Globalization;

namespace Sweep.Harness.Results;

/// <summary>
/// A results folder read back from its files alone (summary.csv, plan.csv, effective.yaml, the trials' metrics.csv):
/// what `sweep report` and `sweep compare` work from, so a folder copied off a cluster reports the same as one made
/// here. Trials whose folders are there but which the current plan no longer has are listed apart.
/// </summary>
/// <param name="VaryingKeys">The keys that vary across the plan (plan.csv's columns), the seed among them.</param>
/// <param name="Stale">Ids of trial folders that are not in the current plan (from an earlier version of the
/// sweep).</param>
public sealed record SweepResults(string Dir, string Name, IReadOnlyList<string> VaryingKeys,
    IReadOnlyList<TrialResult> Trials, Selection Selection,
    IReadOnlyList<string> Stale)
{
    /// <summary>Keys a search drew only when others matched (`when:`), with their conditions: they vary, but not over
    /// the whole space.</summary>
    public IReadOnlyDictionary<string, DrawCondition> Conditions { get; init; } =
        new Dictionary<string, DrawCondition>();

    /// <summary>Whether a configuration (or trial) with these values drew <paramref name="key"/>: always, unless the
    /// key is conditional and its condition does not hold, in which case its value is the default, not a value
    /// tried.</summary>
    public bool Drew(IReadOnlyDictionary<string, string> values, string key) =>
        !Conditions.TryGetValue(key, out var condition) || condition.HoldsFor(values);

    /// <summary>"optimizer.lr=0.01 optimizer.name=adam": the keys' values, leaving out a key the configuration did not
    /// draw (Adam's row names no momentum).</summary>
    public string Label(IReadOnlyDictionary<string, string> values, IEnumerable<string> keys) =>
        string.Join(' ', keys.Where(k => Drew(values, k)).Select(k => $"{k}={values[k]}"));

    /// <summary>For a model-based search: how many of the first trials (in plan order) came from its random
    /// start-up, before it proposed from results (effective.yaml's search.startup times the seeds); null
    /// otherwise.</summary>
    public int? SearchStartup { get; init; }

    /// <summary>For a model-based search: the trials of each batch it proposes after its start-up (search.batch
    /// times the seeds); null otherwise.</summary>
    public int? SearchBatch { get; init; }

    /// <summary>Whether a model-based search fitted its proposals to metrics at halving's rungs (plan.csv's
    /// learned_from_epoch).</summary>
    public bool LearnsAtRungs { get; init; }

    public const string SeedKey = "seed";

    /// <summary>How a search drew each key it searched (uniform, loguniform, int, choice): how a chart lays it out.
    /// Empty for any other sweep.</summary>
    public IReadOnlyDictionary<string, string> Distributions { get; init; } = new Dictionary<string, string>();

    /// <summary>Successive halving's rungs (epochs); empty in a sweep without halving.</summary>
    public IReadOnlyList<int> Rungs { get; init; } = [];

    /// <summary>Whether the trials were runs of the user's program (`program:`): no model file, confusion matrix or
    /// predictions of Sweep's; the program keeps its own.</summary>
    public bool RunsProgram { get; init; }

    /// <summary>Every setting of the trials but the seed, in summary.csv's order (the schema's keys, or a program's
    /// keys as its sweep file names them).</summary>
    public IReadOnlyList<string> SettingKeys =>
        Trials.Count == 0 ? [] : [.. Trials[0].Settings.Keys.Where(k => k != SeedKey)];

    /// <summary>The keys that tell configurations apart: the varying keys but the seed.</summary>
    public IReadOnlyList<string> ConfigurationKeys => VaryingKeys.Where(k => k != SeedKey).ToList();

    public ResultsLayout Layout => new(Dir);

    /// <exception cref="ResultsFolderException">When the folder is not a results folder.</exception>
    /// <exception cref="ResultsFileException">When one of its files is damaged.</exception>
    public static SweepResults Load(string dir)
    {
        var layout = new ResultsLayout(dir);
        if (!Directory.Exists(layout.Root))
            throw ResultsFolderException.NotResults(layout.Root, "does not exist.",
                "Give the folder a run wrote (results/NAME).");
        if (!File.Exists(layout.Summary) || !File.Exists(layout.PlanFile))
            throw ResultsFolderException.NotResults(layout.Root,
                "has no summary.csv or plan.csv: it is not a results folder, or its sweep has not run yet.",
                $"Run it first (`scripts/sweep run FILE --out {dir}`).");
        var plan = PlanFile.Read(layout);
        CheckPlanWhole(layout, plan);
        var recorded = EffectiveSweepFile.Read(layout);
        var trials = SummaryFile.Read(layout, plan.VaryingKeys, recorded.Selection).Select(t => t with
        {
            Metrics = MetricsFile.Read(layout.Trial(t.Id).Metrics),
            LearnedFrom = plan.LearnedFrom.GetValueOrDefault(t.Id),
        }).ToList();
        // Each row is sound; the table may still be cut at a row boundary, which reads as a valid table: compared
        // with the plan, it would name another winner.
        if (!trials.Select(t => t.Id).SequenceEqual(plan.Trials))
            throw ResultsFileException.Damaged(layout.Summary,
                $"lists {trials.Count} trials, but plan.csv lists {plan.Trials.Count} (or another order): it was " +
                "cut short or edited, and a winner read from it could be the wrong one.",
                "`scripts/sweep run` (or `run --summary-only`) rebuilds it from the trial folders.");
        var inPlan = plan.Trials.ToHashSet();
        var stale = Directory.Exists(layout.TrialsDir)
            ? Directory.GetDirectories(layout.TrialsDir).Select(Path.GetFileName).OfType<string>()
            .Where(id => !inPlan.Contains(id)).Order(StringComparer.Ordinal).ToList()
            : [];
        return new SweepResults(layout.Root, Manifest.SweepNameOf(layout), plan.VaryingKeys, trials,
            Selection.For(recorded.Selection, trials), stale)
        {
            Conditions = recorded.Conditions, LearnsAtRungs = plan.LearnedFrom.Count > 0,
            SearchStartup = recorded.SearchStartup, SearchBatch = recorded.SearchBatch,
            RunsProgram = recorded.RunsProgram, Rungs = recorded.Rungs,
            Distributions = recorded.Distributions,
        };
    }

    /// <summary>plan.csv against the sweep as it ran: effective.yaml gives the same trials again (a model-based
    /// search's later ids depend on results, so its plan is checked by the summary alone). A plan cut at a row
    /// boundary, and the summary with it, would otherwise pass for a smaller sweep.</summary>
    private static void CheckPlanWhole(ResultsLayout layout, PlanFile.Recorded plan)
    {
        if (!File.Exists(layout.EffectiveSweep)) return;
        Plan.SweepPlan expected;
        try { expected = Plan.Expansion.Expand(Spec.SpecReader.Read(layout.EffectiveSweep)); }
        catch (Spec.SpecException) { return; } // written by an older Sweep with keys this one reads otherwise
        if (expected.Spec.Search is { IsModelBased: true }) return;
        var ids = expected.Trials.Where(t => t.DuplicateOf is null).Select(t => t.Id).ToList();
        if (!ids.SequenceEqual(plan.Trials))
            throw ResultsFileException.Damaged(layout.PlanFile,
                $"lists {plan.Trials.Count} trials, but the sweep as it ran (effective.yaml) has {ids.Count}: it was " +
                "cut short or edited.", "`scripts/sweep run` or `submit` writes it again.");
    }
}
