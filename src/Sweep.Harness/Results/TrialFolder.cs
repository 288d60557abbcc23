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
