using Sweep.Core.Optimizers;

namespace Sweep.Core.Tests.Optimizers;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(ScheduleKind.Constant, 7, 0.1)]
    [InlineData(ScheduleKind.Step, 9, 0.1)]
    [InlineData(ScheduleKind.Step, 10, 0.01)]
    [InlineData(ScheduleKind.Step, 25, 0.001)]
    [InlineData(ScheduleKind.Exponential, 2, 0.001)]
    [InlineData(ScheduleKind.Cosine, 0, 0.1)]
    [InlineData(ScheduleKind.Cosine, 10, 0.05)]
    [InlineData(ScheduleKind.Cosine, 20, 0.0)]
    public void Rates_follow_the_schedule(ScheduleKind kind, int epoch, double expected)
    {
        var schedule = new LearningRateSchedule { Kind = kind, BaseRate = 0.1f, StepEpochs = 10, Gamma = 0.1f,
            TotalEpochs = 20 };
        Assert.Equal(expected, schedule.RateAt(epoch), 1e-6);
    }

    [Fact]
    public void Warm_up_ramps_linearly_then_hands_over()
    {
        var schedule = new LearningRateSchedule { BaseRate = 0.1f, WarmupEpochs = 4 };
        Assert.Equal([0.025f, 0.05f, 0.075f, 0.1f, 0.1f], Enumerable.Range(0, 5).Select(schedule.RateAt).ToArray());
    }
}
