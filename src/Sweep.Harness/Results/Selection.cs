using Sweep.Harness.Results;

namespace Sweep.Harness.Results;

/// <summary>
/// The metric that ranks a sweep's configurations and picks its winner: a validation metric (`select:`, default
/// val_accuracy), always a mean over seeds. Test metrics are reported beside it and never choose, except in a sweep
/// without a validation split, where the test accuracy is the only score there is: then <see cref="OnTest"/> is true
/// and every page that ranks says so.
/// </summary>
public sealed record Selection(ValidationMetric Metric, bool OnTest)
{
    public bool HigherIsBetter => OnTest || !Metric.LowerIsBetter;

    /// <summary>"val_accuracy", or "test_accuracy" when the test accuracy is all there is.</summary>
    public string Name => OnTest ? "test_accuracy" : Metric.Name;

    /// <summary>"validation accuracy", "validation loss", "test accuracy".</summary>
    public string Label => OnTest ? "test accuracy" : Metric.Label;

    /// <summary>Whether it is an accuracy (shown in percent) rather than a loss.</summary>
    public bool IsAccuracy => OnTest || Metric == ValidationMetric.Accuracy;

    /// <summary>The trial's value of the metric (of its tested epoch).</summary>
    public double? Of(TrialResult trial) => OnTest ? trial.TestAccuracy
        : Metric.IsProgramMetric ? trial.ProgramMetrics?.GetValueOrDefault(Metric.Name)
        : Metric.LowerIsBetter ? trial.ValidationLoss : trial.ValidationAccuracy;

    /// <summary>The sweep's metric as chosen, or the test accuracy when no trial has a validation metric.</summary>
    public static Selection For(ValidationMetric metric, IReadOnlyList<TrialResult> trials)
    {
        var chosen = new Selection(metric, OnTest: false);
        bool anyValidation = trials.Any(t => chosen.Of(t) is not null);
        bool anyTested = trials.Any(t => t.TestAccuracy is not null);
        return !anyValidation && anyTested ? chosen with { OnTest = true } : chosen;
    }
}
