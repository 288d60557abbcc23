using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>The files of a results folder (documented in README.md, "Results folder").</summary>
public sealed class ResultsLayout(string root)
{
    /// <summary>The folder; owned by Sweep from the moment a layout names it, so that nothing below it is written
    /// through a link (<see cref="WriteGuard"/>).</summary>
    public string Root { get; } = Owned(root);

    private static string Owned(string root)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        WriteGuard.Own(full);
        return full;
    }

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
    /// <summary>The log's previous part, once it has been rotated (<see cref="InvocationLog"/>).</summary>
    public string InvocationsBefore => Path.Combine(Root, "invocations.1.jsonl");
    /// <summary>Held by every run working in the folder, naming its settings (<see cref="FolderLock"/>).</summary>
    public string RunLock => Path.Combine(Root, ".lock");
    public string TrialsDir => Path.Combine(Root, "trials");
    public string Aggregate => Path.Combine(Root, "aggregate.csv");
    public string Importance => Path.Combine(Root, "importance.csv");
    public string ChartsDir => Path.Combine(Root, "charts");
    public string ReportPage => Path.Combine(Root, "report.html");
    public string PagesDir => Path.Combine(Root, "pages");
    /// <summary>A trial's own page, beside the report.</summary>
    public string TrialPage(string id) => Path.Combine(PagesDir, id + ".html");
    /// <summary>`submit`'s job scripts and the array tasks' logs: present only in a sweep sent to Slurm.</summary>
    public string SlurmDir => Path.Combine(Root, "slurm");
    /// <summary>The self-contained CLI `submit` publishes for the compute nodes, unless --bin names another.</summary>
    public string NodeBinDir => Path.Combine(Root, ".sweep-bin");

    public TrialFolder Trial(string id) => new(Path.Combine(TrialsDir, id));

    /// <summary>Whether a sweep's results are here (a run wrote its plan, summary, manifest or trials): a page or a
    /// comparison written here from elsewhere would replace that sweep's own files.</summary>
    public bool HoldsResults => File.Exists(Manifest) || File.Exists(PlanFile) || File.Exists(Summary)
        || Directory.Exists(TrialsDir);
}
