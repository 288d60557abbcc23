namespace Sweep.Harness.Run;

/// <summary>The files of a results folder (documented in README.md, "Results folder").</summary>
public sealed class ResultsLayout(string root)
{
    public string Root { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    public string SweepFile => Path.Combine(Root, "sweep.yaml");
    /// <summary>The sweep as it ran: overrides applied, defaults written out (<see cref="EffectiveSweepFile"/>).</summary>
    public string EffectiveSweep => Path.Combine(Root, "effective.yaml");
    /// <summary>Earlier versions of sweep.yaml, kept when an edited sweep runs into the folder.</summary>
    public string SweepHistoryDir => Path.Combine(Root, "sweep-history");
    public string PlanFile => Path.Combine(Root, "plan.csv");
    public string Summary => Path.Combine(Root, "summary.csv");
    public string Manifest => Path.Combine(Root, "manifest.json");
    public string Invocations => Path.Combine(Root, "invocations.jsonl");
    public string TrialsDir => Path.Combine(Root, "trials");
    public string Aggregate => Path.Combine(Root, "aggregate.csv");
    public string ChartsDir => Path.Combine(Root, "charts");
    public string ReportPage => Path.Combine(Root, "report.html");

    public TrialFolder Trial(string id) => new(Path.Combine(TrialsDir, id));
}

/// <summary>The files of one trial's folder.</summary>
public sealed record TrialFolder(string Dir)
{
    public string Config => Path.Combine(Dir, "config.yaml");
    public string Metrics => Path.Combine(Dir, "metrics.csv");
    public string Checkpoint => Path.Combine(Dir, "checkpoint.swck");
    public string Model => Path.Combine(Dir, "model.swnn");
    /// <summary>With early stopping: the weights of the best epoch so far, tested and saved as model.swnn in the end.</summary>
    public string Best => Path.Combine(Dir, "best.swnn");
    public string Confusion => Path.Combine(Dir, "confusion.csv");
    public string PerClass => Path.Combine(Dir, "per_class.csv");
    public string Predictions => Path.Combine(Dir, "test_predictions.csv");
    public string Misclassified => Path.Combine(Dir, "misclassified.csv");
    public string Status => Path.Combine(Dir, "status.json");
    public string Lock => Path.Combine(Dir, ".lock");
    /// <summary>The full trace of the error a failed trial ended with.</summary>
    public string Error => Path.Combine(Dir, "error.txt");

    /// <summary>An exclusive lock on the trial (flock on Linux), released when the process dies; null when another
    /// process holds it. A few short retries, because `sweep status` probes the lock for a moment and must not make
    /// a runner skip a trial.</summary>
    public FileStream? TryLock(int attempts = 4)
    {
        for (int attempt = 1; ; attempt++)
        {
            try { return new FileStream(Lock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (attempt < attempts) { Thread.Sleep(50); }
            catch (IOException) { return null; }
        }
    }

    /// <summary>Whether some process is running the trial now (holds its lock). Opens the lock read-only, so that
    /// `status` works on a folder it may not write.</summary>
    public bool IsLocked()
    {
        if (!File.Exists(Lock)) return false;
        try
        {
            using var probe = new FileStream(Lock, FileMode.Open, FileAccess.Read, FileShare.None);
            return false;
        }
        catch (FileNotFoundException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
        catch (IOException) { return true; }
    }
}
