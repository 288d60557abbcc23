using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Results;

public class ValidationMetricTests
{
    private static readonly EpochRow Row = new(1, 0.5, 0.8, ValidationLoss: 0.4, ValidationAccuracy: 0.9, 0.01, 1);

    [Fact]
    public void A_loss_is_minimised_and_an_accuracy_maximised()
    {
        Assert.True(ValidationMetric.Loss.IsBetter(0.3, 0.4));
        Assert.False(ValidationMetric.Loss.IsBetter(0.4, 0.3));
        Assert.True(ValidationMetric.Accuracy.IsBetter(0.9, 0.8));
        Assert.False(ValidationMetric.Accuracy.IsBetter(0.8, 0.8));
        Assert.Equal(-0.4, ValidationMetric.Loss.Score(0.4));
        Assert.Equal(0.9, ValidationMetric.Accuracy.Score(0.9));
    }

    [Fact]
    public void Each_metric_reads_its_own_column()
    {
        Assert.Equal(0.4, ValidationMetric.Loss.Of(Row));
        Assert.Equal(0.9, ValidationMetric.Accuracy.Of(Row));
        Assert.Null(ValidationMetric.Accuracy.Of(Row with { ValidationAccuracy = null }));
    }

    [Theory]
    [InlineData("val_accuracy", true)]
    [InlineData("val_loss", true)]
    [InlineData("test_accuracy", false)]
    [InlineData("VAL_LOSS", false)]
    [InlineData(null, false)]
    public void Only_validation_metrics_parse(string? name, bool known)
    {
        Assert.Equal(known, ValidationMetric.TryParse(name, out var metric));
        if (known) Assert.Equal(name, metric.Name);
    }
}
