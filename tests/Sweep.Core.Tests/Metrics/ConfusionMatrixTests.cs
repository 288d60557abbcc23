using Sweep.Core.Metrics;

namespace Sweep.Core.Tests.Metrics;

public class ConfusionMatrixTests
{
    [Fact]
    public void Scores_are_read_off_the_counts()
    {
        var m = new ConfusionMatrix(3);
        foreach (var (actual, predicted) in new[] { (0, 0), (0, 0), (0, 1), (1, 1), (2, 1), (2, 2) }) m.Add(actual,
            predicted);
        Assert.Equal(4.0 / 6, m.Accuracy, 1e-12);
        Assert.Equal(1.0, m.Precision(0));
        Assert.Equal(2.0 / 3, m.Recall(0), 1e-12);
        Assert.Equal(1.0 / 3, m.Precision(1), 1e-12);
        Assert.Equal(0.5, m.F1(1), 1e-12);
        Assert.Equal(2, m.Support(2));
    }

    [Fact]
    public void A_class_never_predicted_scores_zero_not_NaN()
    {
        var m = new ConfusionMatrix(2);
        m.Add(1, 0);
        Assert.Equal(0, m.Precision(1));
        Assert.Equal(0, m.F1(1));
    }
}
