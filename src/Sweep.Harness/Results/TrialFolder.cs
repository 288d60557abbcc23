using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>The files of one trial's folder.</summary>
public sealed record TrialFolder(string Dir)
{
    public string Config => Path.Combine(Dir, "config.yaml");
    public string Metrics => Path.Combine(Dir, "metrics.csv");
    public string Checkpoint => Path.Combine(Dir, "checkpoint.swck");
    public string Model => Path.Combine(Dir, "model.swnn");
    /// <summary>With early stopping: the weights of the best epoch so far, tested and saved as model.swnn in the
    /// end.</summary>
    public string Best => Path.Combine(Dir, "best.swnn");
    public string Confusion => Path.Combine(Dir, "confusion.csv");
    public string PerClass => Path.Combine(Dir, "per_class.csv");
    public string Predictions => Path.Combine(Dir, "test_predictions.csv");
    public string Misclassified => Path.Combine(Dir, "misclassified.csv");
    public string Status => Path.Combine(Dir, "status.json");
    public string Lock => Path.Combine(Dir, ".lock");
    /// <summary>The full trace of the error a failed trial ended with.</summary>
    public string Error => Path.Combine(Dir, "error.txt");
    /// <summary>A program's trial: what its program printed (each run of it after a line saying how it started),
    /// and Sweep's notes on lines it could not read.</summary>
    public string ProgramOutput => Path.Combine(Dir, "stdout.log");
    /// <summary>A program's trial: its program's standard error.</summary>
    public string ProgramErrors => Path.Combine(Dir, "stderr.log");
    /// <summary>A program's trial while its program runs: the program's process id and start time.</summary>
    public string ProgramPid => Path.Combine(Dir, "program.pid");

    /// <summary>For `run --lean`: an ended trial's files that only training further or checking predictions one by
    /// one would read (its checkpoint, the best epoch's weights, every test sample's prediction) are deleted; its
    /// model, metrics, status and tables stay, so the page, `predict` and `export` work as before. An ended trial
    /// is never trained again, so nothing is lost but the chance to re-examine it sample by sample.</summary>
    public void DropTrainingState()
    {
        foreach (string path in new[] { Checkpoint, Best, Predictions })
            if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>The files a reader of the trial looks at (its page links them, in this order), as paths.</summary>
    public IReadOnlyList<string> Readable => [Config, Metrics, Confusion, PerClass, Predictions, Misclassified, Model,
        Status, ProgramOutput, ProgramErrors];

    /// <summary>An exclusive lock on the trial (flock on Linux), released when the process dies; null when another
    /// process holds it. A few short retries, because `sweep status` probes the lock for a moment and must not make
    /// a runner skip a trial.</summary>
    public FileStream? TryLock(int attempts = 4)
    {
        WriteGuard.CheckFile(Lock);
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
