using System.Collections.Concurrent;
using Sweep.Core.Training;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Run;

/// <summary>
/// The trials a run may train, prepared before any of them starts: each one's settings as the core takes them, its
/// data set loaded (so a missing or damaged file stops the run before its results folder is written), the data's
/// checksums for the manifest, and its expected work and memory. A search adds its proposals as it makes them, while
/// workers read the others: hence the concurrent maps.
/// </summary>
internal sealed class PreparedTrials(DataStore store, SweepSpec spec)
{
    private readonly string _sweepFolder = Path.GetDirectoryName(spec.File)!;
    private readonly ConcurrentDictionary<string, TrialSettings> _settings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _cost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _memory = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _checksums = new(StringComparer.Ordinal);

    /// <exception cref="RunException">A program's sweep whose program or folder is not on this machine.</exception>
    public void Prepare(IEnumerable<TrialPlan> trials)
    {
        if (spec.Program is { } program)
        {
            // A program reads its own data and sizes its own work: each trial counts the same.
            if (ProgramChecks.Missing(program, _sweepFolder) is { } missing)
                throw RunException.CannotStart(missing, "nothing has run.");
            foreach (var trial in trials) _cost[trial.Id] = 1;
            return;
        }
        foreach (var trial in trials)
        {
            var s = _settings[trial.Id] = TrialSettings.From(trial, _sweepFolder);
            var data = TrialRunner.LoadData(store, s);
            foreach (var (path, sha) in data.Checksums) _checksums[path] = sha;
            var sizes = s.Architecture(data.Train.Features, data.Train.Classes).Sizes;
            _cost[trial.Id] = (double)s.Epochs * sizes.Zip(sizes.Skip(1)).Sum(p => (double)p.First * p.Second);
            _memory[trial.Id] = TrainingMemory.Estimate(sizes, s.Training.BatchSize, s.Training.Dropout > 0,
                s.Training.Optimizer.Kind);
        }
    }

    public TrialSettings SettingsOf(TrialPlan trial) => _settings[trial.Id];

    /// <summary>Expected work (epochs × weights): the pool starts the largest first, so no core is left alone with a
    /// big trial at the end.</summary>
    public double CostOf(TrialPlan trial) => _cost[trial.Id];

    /// <summary>Every data file the trials read, with its SHA-256, in path order.</summary>
    public SortedDictionary<string, string> Checksums => new(_checksums, StringComparer.Ordinal);

    /// <summary>The sweep file's limits check one trial; --parallel runs several at once, and the largest may
    /// meet.</summary>
    /// <exception cref="RunException">When the largest --parallel trials together need more memory than
    /// Sweep may use here.</exception>
    public void CheckMemory(int parallel)
    {
        var largest = _memory.Values.OrderDescending().Take(parallel).ToList();
        double have = Limits.AvailableMemory * Limits.MemoryShare;
        if (largest.Sum() <= have) return;
        long running = 0;
        int fits = largest.TakeWhile(m => (running += m) <= have).Count();
        throw RunException.CannotStart(
            FormattableString.Invariant($"--parallel {parallel}: the largest trials at once need about ") +
            FormattableString.Invariant($"{largest.Sum() / 1048576.0:N0} MiB, more than the ") +
            FormattableString.Invariant($"{have / 1048576.0:N0} MiB Sweep may use here;"),
            fits >= 1 ? $"run with --parallel {fits}." : "use fewer units or a smaller batch.");
    }
}
