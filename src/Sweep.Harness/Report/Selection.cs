namespace Sweep.Harness.Report;

/// <summary>
/// The metric that ranks a sweep's configurations and picks its winner: a validation metric (`select:`, default
/// val_accuracy), always a mean over seeds. Test metrics are reported beside it and never choose, except in a sweep
/// without a validation split, where the test accuracy is the only score there is: then <see cref="OnTest"/> is true
/// and every page that ranks says so.
/// </summary>
public sealed record Selection(string Metric, bool OnTest)
{
    public bool HigherIsBetter => Metric != "val_loss";

    /// <summary>"validation accuracy", "validation loss", "test accuracy".</summary>
    public string Label => Metric switch
    {
        "val_accuracy" => "validation accuracy",
        "val_loss" => "validation loss",
        _ => "test accuracy",
    };

    /// <summary>The trial's value of the metric (of its tested epoch).</summary>
    public double? Of(TrialResult trial) => Metric switch
    {
        "val_accuracy" => trial.ValidationAccuracy,
        "val_loss" => trial.ValidationLoss,
        _ => trial.TestAccuracy,
    };

    /// <summary>The sweep's metric as chosen, or the test accuracy when no trial has a validation metric.</summary>
    public static Selection For(string metric, IReadOnlyList<TrialResult> trials)
    {
        var chosen = new Selection(metric, OnTest: false);
        bool anyValidation = trials.Any(t => chosen.Of(t) is not null);
        bool anyTested = trials.Any(t => t.TestAccuracy is not null);
        return !anyValidation && anyTested ? new Selection("test_accuracy", OnTest: true) : chosen;
    }
}
