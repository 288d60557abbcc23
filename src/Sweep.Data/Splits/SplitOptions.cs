namespace Sweep.Data.Splits;

/// <summary>
/// How a loaded data set becomes train / validation / test. Counts ≥ 1 are sample counts; fractions in (0, 1) are
/// shares of the pool they come from.
/// </summary>
/// <param name="Train">For a data set without an official test split: how many samples train (the rest test). Ignored
/// otherwise.</param>
/// <param name="Validation">Carved out of the training pool, never from the official test set.</param>
/// <param name="Limit">At most this many training samples, for quick runs.</param>
/// <param name="Standardise">Per-pixel mean and std from the training split only, on top of scaling to [0, 1].</param>
public sealed record SplitOptions(double Train, double Validation = 0, int? Limit = null, bool Standardise = false);
