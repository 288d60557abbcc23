namespace Sweep.Core.Optimizers;

public enum ScheduleKind { Constant, Step, Exponential, Cosine }

/// <summary>
/// The learning rate of each epoch (0-based). Step: lr·γ^⌊e/StepEpochs⌋; exponential: lr·γ^e; cosine: from lr
/// down to MinRate over the epochs after warm-up. A linear warm-up over the first WarmupEpochs multiplies any of
/// them by (e+1)/WarmupEpochs. Epoch-wise, so metrics.csv can show the rate each epoch ran at.
/// </summary>
public sealed record LearningRateSchedule
{
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;
    public float BaseRate { get; init; } = 0.001f;
    public int StepEpochs { get; init; } = 10;
    public float Gamma { get; init; } = 0.1f;
    public float MinRate { get; init; }
    public int WarmupEpochs { get; init; }
    public int TotalEpochs { get; init; } = 1;

    public float RateAt(int epoch)
    {
        double rate = Kind switch
        {
            ScheduleKind.Constant => BaseRate,
            ScheduleKind.Step => BaseRate * Math.Pow(Gamma, epoch / Math.Max(StepEpochs, 1)),
            ScheduleKind.Exponential => BaseRate * Math.Pow(Gamma, epoch),
            ScheduleKind.Cosine => Cosine(epoch),
            _ => throw new ArgumentOutOfRangeException(nameof(epoch)),
        };
        if (epoch < WarmupEpochs) rate *= (epoch + 1.0) / WarmupEpochs;
        return (float)rate;
    }

    private double Cosine(int epoch)
    {
        int span = Math.Max(TotalEpochs - WarmupEpochs, 1);
        double t = Math.Clamp((epoch - WarmupEpochs) / (double)span, 0, 1);
        return MinRate + (BaseRate - MinRate) * 0.5 * (1 + Math.Cos(Math.PI * t));
    }
}
