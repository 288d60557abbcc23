using Sweep.Data;

namespace Sweep.Harness.Run;

/// <summary>
/// What the data layer's errors mean for a sweep: it knows files and data sets, not sweep keys or commands, so the
/// harness adds them here (the command that fetches a missing data set, the key a split error is about).
/// </summary>
public static class DataHints
{
    /// <summary>The error with what to do: for a missing or damaged catalogue data set, the command that gets
    /// it.</summary>
    public static DataException With(DataException e) => e.DataSet is { } name
        ? e.WithHint(
            $"Get it with: scripts/sweep data fetch {name}   (or set SWEEP_DATA to a folder that has {name}/ in it).")
        : e;

    /// <summary>A split the data cannot give, named by its keys.</summary>
    public static RunException Split(DataException e) =>
        RunException.CannotStart($"data.split: {e.Message}",
        "Change data.split.train, data.split.validation or data.limit.");
}
