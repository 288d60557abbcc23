using Sweep.Core.Files;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Run;

namespace Sweep.Harness.Cluster;

/// <summary>What `submit` did (or, with --dry-run, would do).</summary>
/// <param name="ArrayJob">The array's job id; null on a dry run or when nothing was pending.</param>
public sealed record Submission(int Pending, int Complete, int Tasks, string ArrayScript, string ReportScript,
    string? ArrayJob, string? ReportJob);

/// <summary>
/// Submits the trials of a sweep that are not complete as a Slurm job array, then a report job after it. The
/// results folder is the only thing the jobs share: per-trial locks and checkpoints make a resubmission, a
/// requeued task or a second submit safe.
/// </summary>
public static class SlurmSubmitter
{
    /// <param name="commandLine">The invocation's arguments, logged in the results folder's invocations.jsonl.</param>
    public static Submission Submit(SweepPlan plan, IReadOnlyList<string> overrides, SubmitOptions options,
        string sourceRoot, bool dryRun, TextWriter log,
        IReadOnlyList<string>? commandLine = null)
    {
        SbatchScripts.Check(options);
        var layout = new ResultsLayout(options.OutputDir);
        plan = SearchOutcomes.FromFolder(plan, layout);
        var trials = plan.Trials.Where(t => t.DuplicateOf is null).ToList();
        var pending = trials.Where(t => TrialStatus.Load(layout.Trial(t.Id).Status)?.IsFinal != true).Select(t => t.Id)
            .ToList();
        // Halving and a model-based search decide from the whole sweep's results: one task runs it whole (requeued,
        // it resumes where it stopped, with the same decisions).
        var groups = plan.RunsWhole ? (pending.Count == 0 && plan.Search?.WaitingFor is null ? [] : [pending])
            : SbatchScripts.Groups(pending, options.TrialsPerTask);

        var environment = new Dictionary<string, string> { ["SWEEP_HOME"] = sourceRoot };
        if (Environment.GetEnvironmentVariable("SWEEP_DATA") is { Length: > 0 } data)
            environment["SWEEP_DATA"] = Path.GetFullPath(data);
        string array = groups.Count == 0 ? "" : SbatchScripts.Array(plan, overrides, options, groups, environment);
        string report = SbatchScripts.Report(plan, overrides, options, environment);
        if (dryRun || groups.Count == 0)
            return new Submission(pending.Count, trials.Count - pending.Count, groups.Count, array, report, null, null);

        if (!Slurm.Available) throw ClusterException.NotOnPath("sbatch");
        WriteGuard.CreateDirectory(options.SlurmDir);
        if (options.BinDir is null || !File.Exists(Path.Combine(options.Bin, "sweep")))
            PublishedCli.Ensure(options.Bin, sourceRoot, log);
        string arrayPath = Path.Combine(options.SlurmDir, "array.sbatch"),
            reportPath = Path.Combine(options.SlurmDir, "report.sbatch");
        AtomicFile.WriteAllText(arrayPath, array);
        AtomicFile.WriteAllText(reportPath, report);
        var invocation = Invocation.Start("submit", commandLine ?? [], overrides, null,
            $"{pending.Count} pending trials in {groups.Count} array tasks");
        InvocationLog.Append(layout, invocation);
        string arrayJob = Slurm.Submit(arrayPath);
        string reportJob = Slurm.Submit(reportPath, $"--dependency=afterany:{arrayJob}");
        InvocationLog.Append(layout, invocation.End($"array job {arrayJob}, report job {reportJob}"));
        return new Submission(pending.Count, trials.Count - pending.Count, groups.Count, array, report, arrayJob,
            reportJob);
    }
}
