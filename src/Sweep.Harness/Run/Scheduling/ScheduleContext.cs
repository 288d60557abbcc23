using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run.Scheduling;

/// <summary>
/// What a schedule works with: the workers, the results folder, the prepared trials, and the plan as it stands
/// (a search grows it through <see cref="Grow"/>, which keeps the folder's tables and the workers in step).
/// </summary>
internal sealed class ScheduleContext(SweepPlan plan, WorkerPool pool, ResultsLayout layout, PreparedTrials trials,
    LiveSummary summary, IRunReporter reporter, CancellationToken cancel)
{
    private readonly object _gate = new();
    private SweepPlan _plan = plan;

    public WorkerPool Pool => pool;
    public ResultsLayout Layout => layout;
    public CancellationToken Cancel => cancel;

    /// <summary>The plan as it stands; read by the workers' threads as trials end.</summary>
    public SweepPlan Plan
    {
        get { lock (_gate) return _plan; }
    }

    /// <summary>The plan grown to <paramref name="grown"/> (a search's next proposals): their data loaded, plan.csv
    /// and then summary.csv written (a reader finds the two listing the same trials), the reporter told. Nothing is
    /// written when nothing was proposed.</summary>
    /// <returns>The new trials, for the workers.</returns>
    public List<TrialPlan> Grow(SweepPlan grown)
    {
        var before = Plan;
        if (grown.Trials.Count == before.Trials.Count) return [];
        var known = before.Trials.Select(t => t.Id).ToHashSet();
        var fresh = grown.Trials.Where(t => t.DuplicateOf is null && !known.Contains(t.Id)).ToList();
        trials.Prepare(fresh);
        lock (_gate) _plan = grown;
        PlanFile.Write(grown, layout.PlanFile);
        summary.Write(grown);
        reporter.TrialsProposed(fresh);
        return fresh;
    }

    /// <summary>The metric a trial had after the given epoch, from its metrics.csv.</summary>
    public double? MetricAt(TrialPlan trial, int epoch, ValidationMetric metric)
    {
        var row = MetricsFile.Read(layout.Trial(trial.Id).Metrics).FirstOrDefault(r => r.Epoch == epoch);
        return row is null ? null : metric.Of(row);
    }
}
