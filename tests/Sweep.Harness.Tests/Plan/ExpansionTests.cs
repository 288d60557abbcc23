using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Plan;

public sealed class ExpansionTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private SweepPlan Plan(string extra, params string[] overrides) => Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + extra), overrides));

    [Fact]
    public void The_grid_is_a_cartesian_product_in_file_order_with_seeds_innermost()
    {
        var plan = Plan("grid:\n  optimizer.lr: [0.1, 0.01]\n  model.hidden: [[8], [16]]\nseeds: 2\n");
        Assert.Equal(8, plan.Trials.Count);
        Assert.Equal(["optimizer.lr", "model.hidden", "seed"], plan.VaryingKeys);
        Assert.Equal("optimizer.lr=0.1 model.hidden=[8] seed=1", plan.Trials[0].DisplayName);
        Assert.Equal("optimizer.lr=0.1 model.hidden=[8] seed=2", plan.Trials[1].DisplayName);
        Assert.Equal("optimizer.lr=0.1 model.hidden=[16] seed=1", plan.Trials[2].DisplayName);
        Assert.Equal("optimizer.lr=0.01 model.hidden=[16] seed=2", plan.Trials[7].DisplayName);
    }

    [Fact]
    public void Expansion_is_pure_and_ids_are_stable()
    {
        var a = Plan("grid:\n  optimizer.lr: [0.1, 0.01]\n");
        var b = Plan("grid:\n  optimizer.lr: [0.1, 0.01]\n");
        Assert.Equal(a.Trials.Select(t => t.Id), b.Trials.Select(t => t.Id));
        Assert.All(a.Trials, t => Assert.Matches("^[0-9a-f]{12}$", t.Id));
    }

    [Fact]
    public void Editing_a_sweep_changes_only_the_ids_of_the_trials_it_changes()
    {
        var before = Plan("grid:\n  optimizer.lr: [0.1, 0.01]\n");
        var after = Plan("grid:\n  optimizer.lr: [0.1, 0.01, 0.001]\n");
        Assert.Equal(before.Trials.Select(t => t.Id), after.Trials.Take(2).Select(t => t.Id));
        // Writing a default out explicitly is the same configuration.
        var explicitDefault = Plan("grid:\n  optimizer.lr: [0.1, 0.01]\n", "train.dropout=0");
        Assert.Equal(before.Trials.Select(t => t.Id), explicitDefault.Trials.Select(t => t.Id));
    }

    [Fact]
    public void Duplicates_are_flagged()
    {
        var plan = Plan("grid:\n  optimizer.lr: [0.1, 0.1, 0.01]\n");
        Assert.Equal([null, 0, null], plan.Trials.Select(t => t.DuplicateOf));
    }

    [Fact]
    public void Seeds_may_be_listed()
    {
        var plan = Plan("seeds: [7, 3]\n");
        Assert.Equal([7, 3], plan.Trials.Select(t => t.Seed));
    }
}
