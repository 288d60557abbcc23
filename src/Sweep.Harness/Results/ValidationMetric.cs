namespace Sweep.Harness.Results;

/// <summary>
/// A validation metric that chooses (selection, early stopping, halving's cuts, a search's proposals): its name as
/// the sweep file and the CSVs spell it, and its direction, a property of the metric rather than a test of its name
/// at each use. Losses are minimised, everything else maximised.
/// </summary>
public sealed record ValidationMetric
{
    private ValidationMetric(string name, bool lowerIsBetter, string label)
    {
        Name = name;
        LowerIsBetter = lowerIsBetter;
        Label = label;
    }

    public static ValidationMetric Accuracy { get; } = new("val_accuracy", false, "validation accuracy");
    public static ValidationMetric Loss { get; } = new("val_loss", true, "validation loss");

    /// <summary>The metrics a sweep may choose by, the default first.</summary>
    public static IReadOnlyList<ValidationMetric> Known { get; } = [Accuracy, Loss];

    /// <summary>"val_accuracy", as the sweep file, summary.csv and metrics.csv spell it.</summary>
    public string Name { get; }

    public bool LowerIsBetter { get; }

    /// <summary>"validation accuracy", for pages and messages.</summary>
    public string Label { get; }

    public static bool TryParse(string? name, out ValidationMetric metric)
    {
        metric = Known.FirstOrDefault(m => m.Name == name)!;
        return metric is not null;
    }

    /// <summary>A known metric, or in a program's sweep (<paramref name="program"/>) any validation metric the
    /// program reports: a name `val_...` of lowercase letters, digits and '_', minimised when it ends in
    /// "loss".</summary>
    public static bool TryParse(string? name, bool program, out ValidationMetric metric)
    {
        if (TryParse(name, out metric)) return true;
        if (!program || name is not { Length: > 4 and <= 64 } || !name.StartsWith("val_", StringComparison.Ordinal)
            || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')) return false;
        metric = new ValidationMetric(name, name.EndsWith("loss", StringComparison.Ordinal), name);
        return true;
    }

    /// <summary>The names a sweep may choose by, for a message: "val_accuracy or val_loss" (and, for a program's
    /// sweep, any val_* metric it reports).</summary>
    public static string ChoicesFor(bool program) => Choices + (program
        ? ", or another validation metric your program reports (val_..., minimised when it ends in loss)" : "");

    /// <summary>The known names, for a message: "val_accuracy or val_loss".</summary>
    public static string Choices => string.Join(" or ", Known.Select(m => m.Name));

    /// <summary>Whether it is a metric of a program's own, beyond the two Sweep measures.</summary>
    public bool IsProgramMetric => !Known.Contains(this);

    /// <summary>The value of an epoch's row (null when the sweep has no validation split).</summary>
    public double? Of(EpochRow row) => IsProgramMetric ? row.Extra?.GetValueOrDefault(Name)
        : LowerIsBetter ? row.ValidationLoss : row.ValidationAccuracy;

    /// <summary>The value of a trial's tested epoch.</summary>
    public double? Of(TrialStatus status) => IsProgramMetric ? status.Metrics?.GetValueOrDefault(Name)
        : LowerIsBetter ? status.ValidationLoss : status.ValidationAccuracy;

    /// <summary>A value turned so that higher is better (a loss negated): what rankings and samplers compare.</summary>
    public double Score(double value) => LowerIsBetter ? -value : value;

    /// <summary>Whether <paramref name="value"/> beats <paramref name="than"/>.</summary>
    public bool IsBetter(double value, double than) => Score(value) > Score(than);

    public override string ToString() => Name;
}
