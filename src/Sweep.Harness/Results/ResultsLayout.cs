namespace Sweep.Harness.Results;

/// <summary>The files of a results folder (documented in README.md, "Results folder").</summary>
public sealed class ResultsLayout(string root)
{
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    public string SweepFile => Path.Combine(Root, "sweep.yaml");
    /// <summary>The sweep as it ran: overrides applied, defaults written out (<see
    /// cref="EffectiveSweepFile"/>).</summary>
    public string EffectiveSweep => Path.Combine(Root, "effective.yaml");
    /// <summary>Earlier versions of sweep.yaml, kept when an edited sweep runs into the folder.</summary>
    public string SweepHistoryDir => Path.Combine(Root, "sweep-history");
    public string PlanFile => Path.Combine(Root, "plan.csv");
    public string Summary => Path.Combine(Root, "summary.csv");
    public string Manifest => Path.Combine(Root, "manifest.json");
    public string Invocations => Path.Combine(Root, "invocations.jsonl");
    public string TrialsDir => Path.Combine(Root, "trials");
    public string Aggregate => Path.Combine(Root, "aggregate.csv");
    public string Importance => Path.Combine(Root, "importance.csv");
    public string ChartsDir => Path.Combine(Root, "charts");
    public string ReportPage => Path.Combine(Root, "report.html");
    /// <summary>`submit`'s job scripts and the array tasks' logs: present only in a sweep sent to Slurm.</summary>
    public string SlurmDir => Path.Combine(Root, "slurm");
    /// <summary>The self-contained CLI `submit` publishes for the compute nodes, unless --bin names another.</summary>
    public string NodeBinDir => Path.Combine(Root, ".sweep-bin");

    public TrialFolder Trial(string id) => new(Path.Combine(TrialsDir, id));
}
