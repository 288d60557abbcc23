using System.Text;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Cluster;

/// <summary>
/// The two batch scripts of a submitted sweep: a job array whose task i runs group i of the pending trials into the
/// shared results folder, and a last job, after the array (afterany), that rebuilds the summary and the page.
/// Pure text: what `submit --dry-run` shows is what `submit` hands to sbatch.
/// </summary>
public static class SbatchScripts
{
    public static string JobName(SweepPlan plan) => "sweep-" + plan.Spec.Name;

    /// <param name="groups">The trial ids of each array task.</param>
    /// <param name="overrides">The command line's key=value overrides, passed on unchanged.</param>
    public static string Array(SweepPlan plan, IReadOnlyList<string> overrides, SubmitOptions options, IReadOnlyList<IReadOnlyList<string>> groups, IReadOnlyDictionary<string, string> environment)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# Written by `sweep submit` for the sweep {plan.Spec.Name}: {groups.Sum(g => g.Count)} trials in {groups.Count} array tasks.\n");
        s.Append($"#SBATCH --job-name={JobName(plan)}\n");
        s.Append(FormattableString.Invariant($"#SBATCH --array=0-{groups.Count - 1}{(options.MaxRunning is int max ? $"%{max}" : "")}\n"));
        s.Append(FormattableString.Invariant($"#SBATCH --cpus-per-task={options.CpusPerTask}\n"));
        Common(s, options, $"{options.SlurmDir}/%A_%a.out");
        // Requeued after preemption or a node failure, the task resumes its trials from their last checkpoints.
        s.Append("#SBATCH --requeue\n");
        // SIGTERM a minute before the time limit: running trials finish their epoch, checkpoint and stop.
        if (options.Time is not null) s.Append("#SBATCH --signal=B:TERM@60\n");
        s.Append("set -euo pipefail\n");
        s.Append("trials=(\n");
        foreach (var g in groups) s.Append("  ").Append(string.Join(',', g)).Append('\n');
        s.Append(")\n");
        Environment(s, environment);
        s.Append($"exec {Quote(Path.Combine(options.Bin, "sweep"))} run {Quote(plan.Spec.File)}{Args(overrides)} --out {Quote(options.OutputDir)} ");
        s.Append(FormattableString.Invariant($"--trial \"${{trials[$SLURM_ARRAY_TASK_ID]}}\" --parallel {options.CpusPerTask} --progress plain\n"));
        return s.ToString();
    }

    public static string Report(SweepPlan plan, IReadOnlyList<string> overrides, SubmitOptions options, IReadOnlyDictionary<string, string> environment)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append($"# Written by `sweep submit`: after the array (sbatch --dependency=afterany), rebuild summary.csv and report.html.\n");
        s.Append($"#SBATCH --job-name={JobName(plan)}-report\n");
        s.Append("#SBATCH --cpus-per-task=1\n");
        Common(s, options, $"{options.SlurmDir}/report-%j.out");
        s.Append("set -euo pipefail\n");
        Environment(s, environment);
        s.Append($"exec {Quote(Path.Combine(options.Bin, "sweep"))} run {Quote(plan.Spec.File)}{Args(overrides)} --out {Quote(options.OutputDir)} --summary-only\n");
        return s.ToString();
    }

    private static void Common(StringBuilder s, SubmitOptions options, string output)
    {
        s.Append($"#SBATCH --output={output}\n");
        s.Append("#SBATCH --open-mode=append\n");
        if (options.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (options.Time is { } t) s.Append($"#SBATCH --time={t}\n");
    }

    private static void Environment(StringBuilder s, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key, StringComparer.Ordinal)) s.Append($"export {name}={Quote(value)}\n");
    }

    private static string Args(IReadOnlyList<string> args) => string.Concat(args.Select(a => " " + Quote(a)));

    /// <summary>Single quotes for the shell: nothing inside is expanded.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The pending trials in groups of <paramref name="perTask"/>, in plan order.</summary>
    public static List<IReadOnlyList<string>> Groups(IEnumerable<string> trialIds, int perTask) =>
        trialIds.Chunk(Math.Max(1, perTask)).Select(c => (IReadOnlyList<string>)c).ToList();
}
