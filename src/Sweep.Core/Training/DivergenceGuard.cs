namespace Sweep.Core.Training;

/// <summary>
/// When training has blown up. A batch's mean loss passes while it is finite and within the bound:
/// <see cref="TrainingOptions.ExplosionFactor"/> times the trial's first batch (taken before any update, so about the
/// loss of a guess) and at most <see cref="TrainingOptions.ExplosionLimit"/>. Past it the weights have blown up (SGD
/// at lr 1e6 reaches a loss of 1e28 at chance accuracy) and nothing the trial would learn from there is worth the
/// time. The first batch's loss is part of a checkpoint, so a resumed trial keeps its bound.
/// </summary>
internal sealed class DivergenceGuard(TrainingOptions options)
{
    /// <summary>The mean loss of the trial's first batch; NaN until it has been seen.</summary>
    public double FirstBatchLoss { get; set; } = double.NaN;

    /// <returns>Null while the loss passes; otherwise why the trial stops.</returns>
    public string? Check(double batchLoss, int epoch)
    {
        if (!double.IsFinite(batchLoss)) return $"training loss became NaN or infinite in epoch {epoch + 1}";
        if (double.IsNaN(FirstBatchLoss)) FirstBatchLoss = batchLoss;
        double bound = Math.Min(options.ExplosionFactor * FirstBatchLoss, options.ExplosionLimit);
        if (batchLoss <= bound) return null;
        return FormattableString.Invariant($"training loss exploded in epoch {epoch + 1}: {batchLoss:G3} per sample, ")
            + FormattableString.Invariant($"over {bound:G3} ({options.ExplosionFactor:G} × the first batch's ")
            + FormattableString.Invariant($"{FirstBatchLoss:G3}, at most {options.ExplosionLimit:G3})");
    }
}
