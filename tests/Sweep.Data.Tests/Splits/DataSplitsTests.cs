using Sweep.Data.Catalogue;
using Sweep.Data.Splits;

namespace Sweep.Data.Tests.Splits;

public class DataSplitsTests
{
    private static readonly LoadedDataset Digits =
        new DataStore(
            new DataLocator([Path.Combine(TestFiles.RepositoryRoot(), "data")])).Load(DatasetCatalogue.Digits8x8);

    [Fact]
    public void Digits_split_1000_train_and_the_rest_test_deterministically()
    {
        var a = DataSplits.Create(Digits, new SplitOptions(Train: 1000), 1);
        var b = DataSplits.Create(Digits, new SplitOptions(Train: 1000), 1);
        var c = DataSplits.Create(Digits, new SplitOptions(Train: 1000), 2);
        Assert.Equal((1000, 797), (a.Train.Count, a.Test.Count));
        Assert.Equal(a.Train.Indices, b.Train.Indices);
        Assert.NotEqual(a.Train.Indices, c.Train.Indices);
        Assert.Empty(a.Train.Indices.Intersect(a.Test.Indices));
    }

    [Fact]
    public void Validation_comes_out_of_training_and_limit_caps_it()
    {
        var s = DataSplits.Create(Digits, new SplitOptions(Train: 1000, Validation: 0.2, Limit: 500), 3);
        Assert.Equal((500, 200, 797), (s.Train.Count, s.Validation.Count, s.Test.Count));
        Assert.Empty(s.Train.Indices.Intersect(s.Validation.Indices));
    }

    [Fact]
    public void Scaling_puts_pixels_in_the_unit_interval_and_standardising_uses_training_statistics()
    {
        var scaled = DataSplits.Create(Digits, new SplitOptions(Train: 1000), 1);
        var x = new float[64];
        scaled.Train.Fill(x, new int[1], [0]);
        Assert.All(x, v => Assert.InRange(v, 0f, 1f));

        var standard = DataSplits.Create(Digits, new SplitOptions(Train: 1000, Standardise: true), 1);
        var all = new float[1000 * 64];
        standard.Train.Fill(all, new int[1000], Enumerable.Range(0, 1000).ToArray());
        for (int f = 10; f < 12; f++) // two central pixels, which vary
        {
            double mean = Enumerable.Range(0, 1000).Average(i => all[i * 64 + f]);
            Assert.InRange(mean, -1e-4, 1e-4);
        }
    }

    [Theory]
    [InlineData(1797.0, 0.0, "leaves no samples for the test split")]
    [InlineData(1000.0, 1000.0, "leaves no training samples")]
    [InlineData(1000.5, 0.0, "give a whole count or a fraction below 1")]
    public void Impossible_splits_are_explained(double train, double validation, string expected)
    {
        Assert.Contains(expected,
            Assert.Throws<DataException>(() =>
                DataSplits.Create(Digits, new SplitOptions(Train: train, Validation: validation), 1)).Message);
    }

    [RealMnistFact]
    public void Mnist_keeps_its_official_test_set_apart()
    {
        var mnist = new DataStore(new DataLocator([RealMnistFactAttribute.Required])).Load(DatasetCatalogue.Mnist);
        var s = DataSplits.Create(mnist, new SplitOptions(Train: 1, Validation: 10_000), 1);
        Assert.Equal((50_000, 10_000, 10_000), (s.Train.Count, s.Validation.Count, s.Test.Count));
        Assert.Same(mnist.Test, s.Test.Images);
    }
}
