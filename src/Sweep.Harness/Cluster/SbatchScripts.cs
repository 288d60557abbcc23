using System.Text;
using System.Text.RegularExpressions;
using Sweep.Harness.Plan;

namespace Sweep.Harness.Cluster;

/// <summary>
/// The two batch scripts of a submitted sweep: a job array whose task i runs group i of the pending trials into the
/// shared results folder, and a last job, after the array (afterany), that rebuilds the summary and the page.
/// Pure text: what `submit --dry-run` shows is what `submit` hands to sbatch.
/// NOTE: nothing a user wrote reaches these scripts uninterpreted. Values on shell lines go through
/// <see cref="Quote"/> (single quotes); values on #SBATCH lines, which sbatch parses itself, are either checked
/// against a strict pattern (partition, time; the sweep name by the spec's alphabet) or go through
/// <see cref="DirectiveQuote"/> (paths). A value with a control character is refused: a newline would end the line.
/// </summary>
public static partial class SbatchScripts
{
    public static string JobName(SweepPlan plan) => "sweep-" + plan.Spec.Name;

    /// <summary>Refuses an option that cannot be written into a batch script as it is, naming it and what would
    /// do.</summary>
    public static void Check(SubmitOptions options)
    {
        if (options.Partition is { } p && !PartitionPattern().IsMatch(p))
            throw ClusterException.BadValue("--partition", Printable(p), "is not a partition name",
                "use letters, digits, '_', '-' and '.', several separated by commas.");
        if (options.Time is { } t && !TimePattern().IsMatch(t))
            throw ClusterException.BadValue("--time", Printable(t), "is not a Slurm time",
                "use minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 2:00:00).");
        foreach (var (flag, path) in new[] { ("--out", options.OutputDir), ("--bin", options.Bin) })
            if (path.Any(char.IsControl))
                throw ClusterException.BadValue(flag, Printable(path),
                    "holds a control character (a newline, a tab...)",
                    "choose a folder whose name has none.");
    }

    /// <param name="groups">The trial ids of each array task.</param>
    /// <param name="overrides">The command line's key=value overrides, passed on unchanged.</param>
    public static string Array(SweepPlan plan, IReadOnlyList<string> overrides, SubmitOptions options,
        IReadOnlyList<IReadOnlyList<string>> groups, IReadOnlyDictionary<string, string> environment)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        Check(options);
        s.Append(
            $"# Written by `sweep submit` for the sweep {plan.Spec.Name}: {groups.Sum(g => g.Count)} trials in " +
            $"{groups.Count} array tasks.\n");
        s.Append($"#SBATCH --job-name={DirectiveQuote(JobName(plan))}\n");
        s.Append(
            FormattableString.Invariant(
                $"#SBATCH --array=0-{groups.Count - 1}{(options.MaxRunning is int max ? $"%{max}" : "")}\n"));
        s.Append(FormattableString.Invariant($"#SBATCH --cpus-per-task={options.CpusPerTask}\n"));
        Common(s, options, $"{PatternLiteral(options.SlurmDir)}/%A_%a.out");
        // Requeued after preemption or a node failure, the task resumes its trials from their last checkpoints.
        s.Append("#SBATCH --requeue\n");
        // SIGTERM a minute before the time limit: running trials finish their epoch, checkpoint and stop.
        if (options.Time is not null) s.Append("#SBATCH --signal=B:TERM@60\n");
        s.Append("set -euo pipefail\n");
        if (!plan.RunsWhole)
        {
            s.Append("trials=(\n");
            foreach (var g in groups) s.Append("  ").Append(string.Join(',', g)).Append('\n');
            s.Append(")\n");
        }
        Environment(s, environment);
        s.Append(
            $"exec {Quote(Path.Combine(options.Bin, "sweep"))} run {Quote(plan.Spec.File)}{Args(overrides)} --out " +
            $"{Quote(options.OutputDir)} ");
        if (!plan.RunsWhole) s.Append("--trial \"${trials[$SLURM_ARRAY_TASK_ID]}\" ");
        s.Append(FormattableString.Invariant($"--parallel {options.CpusPerTask} --progress plain\n"));
        return s.ToString();
    }

    public static string Report(SweepPlan plan, IReadOnlyList<string> overrides, SubmitOptions options,
        IReadOnlyDictionary<string, string> environment)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/bash\n");
        s.Append(
            "# Written by `sweep submit`: after the array (sbatch --dependency=afterany), rebuild summary.csv and " +
            "report.html.\n");
        Check(options);
        s.Append($"#SBATCH --job-name={DirectiveQuote(JobName(plan) + "-report")}\n");
        s.Append("#SBATCH --cpus-per-task=1\n");
        Common(s, options, $"{PatternLiteral(options.SlurmDir)}/report-%j.out");
        s.Append("set -euo pipefail\n");
        Environment(s, environment);
        s.Append(
            $"exec {Quote(Path.Combine(options.Bin, "sweep"))} run {Quote(plan.Spec.File)}{Args(overrides)} --out " +
            $"{Quote(options.OutputDir)} --summary-only\n");
        return s.ToString();
    }

    private static void Common(StringBuilder s, SubmitOptions options, string output)
    {
        s.Append($"#SBATCH --output={DirectiveQuote(output)}\n");
        s.Append("#SBATCH --open-mode=append\n");
        if (options.Partition is { } p) s.Append($"#SBATCH --partition={p}\n");
        if (options.Time is { } t) s.Append($"#SBATCH --time={t}\n");
    }

    private static void Environment(StringBuilder s, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var (name, value) in environment.OrderBy(kv => kv.Key,
            StringComparer.Ordinal)) s.Append($"export {name}={Quote(value)}\n");
    }

    private static string Args(IReadOnlyList<string> args) => string.Concat(args.Select(a => " " + Quote(a)));

    /// <summary>Single quotes for the shell: nothing inside is expanded, a newline included.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Double quotes for an #SBATCH line, which sbatch reads itself (not bash): it takes \" and \\ as the
    /// characters. A control character cannot be quoted there and is refused.</summary>
    public static string DirectiveQuote(string text)
    {
        if (text.Any(char.IsControl))
            throw ClusterException.BadValue("a value", Printable(text), "holds a control character",
                "it cannot go into a batch script.");
        return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A folder inside sbatch's --output pattern, where %x names the job or task: a literal % is %%. A
    /// backslash anywhere turns every pattern off (sbatch's rule), so one in the folder is refused rather than
    /// letting every task write one file.</summary>
    public static string PatternLiteral(string folder)
    {
        if (folder.Contains('\\'))
            throw ClusterException.BadValue("the results folder", Printable(folder), "holds a backslash",
                "sbatch reads one in --output as 'no patterns', and the array's tasks would share one log: " +
                "choose a folder without one (--out).");
        return folder.Replace("%", "%%", StringComparison.Ordinal);
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"^([0-9]+(-[0-9]+)?(:[0-9]+){0,2}|UNLIMITED|INFINITE|unlimited|infinite)$")]
    private static partial Regex TimePattern();

    /// <summary>The pending trials in groups of <paramref name="perTask"/>, in plan order.</summary>
    public static List<IReadOnlyList<string>> Groups(IEnumerable<string> trialIds, int perTask) =>
        trialIds.Chunk(Math.Max(1, perTask)).Select(c => (IReadOnlyList<string>)c).ToList();
}
