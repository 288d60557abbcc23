using Sweep.Core.Randomness;

namespace Sweep.Core.Tests.Randomness;

public class RandomSourceTests
{
    [Fact]
    public void A_restored_state_continues_the_same_stream()
    {
        var a = new RandomSource(42);
        for (int i = 0; i < 10; i++) a.NextULong();
        var b = RandomSource.FromState(a.SaveState());
        Assert.Equal(Enumerable.Range(0, 5).Select(_ => a.NextULong()),
            Enumerable.Range(0, 5).Select(_ => b.NextULong()));
    }

    [Fact]
    public void Bounded_draws_are_in_range_and_roughly_uniform()
    {
        var r = new RandomSource(1);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Gaussian_draws_have_unit_variance()
    {
        var r = new RandomSource(2);
        var xs = Enumerable.Range(0, 100_000).Select(_ => r.NextGaussian()).ToArray();
        Assert.InRange(xs.Average(), -0.02, 0.02);
        Assert.InRange(xs.Select(x => x * x).Average(), 0.97, 1.03);
    }

    [Fact]
    public void Derived_streams_differ_by_purpose()
    {
        Assert.NotEqual(RandomSource.Derive(1, "init").NextULong(), RandomSource.Derive(1, "shuffle").NextULong());
    }
}
