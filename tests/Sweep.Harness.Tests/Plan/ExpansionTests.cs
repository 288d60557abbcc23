using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Plan;

public sealed class ExpansionTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private SweepPlan Plan(string extra, params string[] overrides) =>
        Expansion.Expand(SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + extra), overrides));

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

    /// <summary>One row per way of sweeping: the YAML after the base sweep, overrides, and the trials' display names in
    /// order.</summary>
    public static TheoryData<string, string[], string[]> Forms => new()
    {
        {
            "zip:\n  model.hidden: [[8], [32]]\n  optimizer.lr: [0.03, 0.003]\n", [],
            ["model.hidden=[8] optimizer.lr=0.03", "model.hidden=[32] optimizer.lr=0.003"]
        },
        {
            "grid:\n  train.batch_size: [8, 32]\nzip:\n  - { model.hidden: [[8], [32]], optimizer.lr: [0.03, 0.003] " +
                "}\n", [],
            ["train.batch_size=8 model.hidden=[8] optimizer.lr=0.03",
                "train.batch_size=8 model.hidden=[32] optimizer.lr=0.003",
             "train.batch_size=32 model.hidden=[8] optimizer.lr=0.03",
                 "train.batch_size=32 model.hidden=[32] optimizer.lr=0.003"]
        },
        {
            "variants:\n  sgd: { optimizer.name: sgd, optimizer.lr: 0.1 }\n  momentum: { optimizer: { name: " +
                "momentum, momentum: 0.5 } }\n  adam: { optimizer.name: adam }\n", [],
            ["variant=sgd optimizer.name=sgd optimizer.lr=0.1 optimizer.momentum=0.9",
                "variant=momentum optimizer.name=momentum optimizer.lr=0.01 optimizer.momentum=0.5",
             "variant=adam optimizer.name=adam optimizer.lr=0.01 optimizer.momentum=0.9"]
        },
        {
            "grid:\n  optimizer.name: [sgd, momentum, adam]\n  optimizer.momentum: [0.5, 0.9]\nexclude:\n  - { " +
                "optimizer.name: [sgd, adam], optimizer.momentum: 0.9 }\n", [],
            ["optimizer.name=sgd optimizer.momentum=0.5", "optimizer.name=momentum optimizer.momentum=0.5",
                "optimizer.name=momentum optimizer.momentum=0.9", "optimizer.name=adam optimizer.momentum=0.5"]
        },
        {
            // A command-line value wins over a zip group: the group keeps its other key.
            "zip:\n  model.hidden: [[8], [32]]\n  optimizer.lr: [0.03, 0.003]\n", ["optimizer.lr=0.5"],
            ["model.hidden=[8]", "model.hidden=[32]"]
        },
        {
            // A command-line list takes a grid key's place, keeping the order of the axes.
            "grid:\n  optimizer.lr: [0.1, 0.01]\n  train.batch_size: [8, 32]\n",
                ["optimizer.lr=[0.5]", "train.epochs=[1,2]"],
            ["train.batch_size=8 train.epochs=1", "train.batch_size=8 train.epochs=2",
                "train.batch_size=32 train.epochs=1", "train.batch_size=32 train.epochs=2"]
        },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_of_sweeping_expands_as_documented(string yaml, string[] overrides, string[] expected)
    {
        Assert.Equal(expected, Plan(yaml, overrides).Trials.Select(t => t.DisplayName));
    }

    [Fact]
    public void Exclusions_are_counted()
    {
        var plan =
            Plan(
                "grid:\n  optimizer.lr: [0.1, 0.01]\n  train.batch_size: [8, 32]\nexclude:\n  - { optimizer.lr: 0.1, " +
                "train.batch_size: 8 }\n");
        Assert.Equal(3, plan.Trials.Count);
        Assert.Equal(1, plan.Excluded);
    }

    [Fact]
    public void A_random_search_draws_the_same_configurations_every_time_and_within_range()
    {
        const string Search =
            "random:\n  count: 40\n  seed: 3\n  optimizer.lr: { loguniform: [0.0001, 0.1] }\n  train.batch_size: { " +
            "int: [8, 12] }\n" +
                              "  train.dropout: { uniform: [0, 0.5] }\n  model.hidden: { choice: [[8], [16, 8]] }\n";
        var a = Plan(Search);
        var b = Plan(Search);
        Assert.Equal(40, a.Trials.Count);
        Assert.Equal(a.Trials.Select(t => t.Id), b.Trials.Select(t => t.Id));
        Assert.Equal(["optimizer.lr", "train.batch_size", "train.dropout", "model.hidden"], a.VaryingKeys);
        var lrs = a.Trials.Select(t => (double)t.Config["optimizer.lr"]!).ToList();
        Assert.All(lrs, lr => Assert.InRange(lr, 0.0001, 0.1));
        Assert.Contains(lrs, lr => lr < 0.001); // log-uniform: a quarter of draws below 1e-3, where uniform gives ~1 %
        Assert.All(lrs,
            lr =>
                Assert.Equal(lr, double.Parse(lr.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
                System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([8, 9, 10, 11, 12], a.Trials.Select(t => (int)t.Config["train.batch_size"]!).Distinct().Order());
        Assert.Equal(2, a.Trials.Select(t => SpecValue.Format(t.Config["model.hidden"])).Distinct().Count());
        Assert.NotEqual(a.Trials.Select(t => t.Id),
            Plan(Search.Replace("seed: 3", "seed: 4")).Trials.Select(t => t.Id));
    }
}
