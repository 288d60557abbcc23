using Sweep.Harness.Plan;
using Sweep.Harness.Plan.Search;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Plan.Search;

public sealed class SearchPlannerTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private SweepSpec Spec(string method = "tpe", string extra = "") =>
        SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + $$"""
        search:
          method: {{method}}
          count: 20
          seed: 5
          startup: 6
          batch: 3
          optimizer.lr: { loguniform: [0.0001, 1] }
          model.hidden: { choice: [[8], [16], [32]] }
          train.batch_size: { int: [8, 64] }
        {{extra}}
        """));

    /// <summary>A made-up metric: higher for learning rates near 0.01.</summary>
    private static TrialOutcome Outcome(TrialPlan t) =>
        new(true, 1 - Math.Abs(Math.Log10((double)t.Config["optimizer.lr"]!) + 2) / 4);

    [Fact]
    public void Without_results_the_plan_is_the_start_up_and_says_what_it_waits_for()
    {
        var plan = Expansion.Expand(Spec());
        Assert.Equal(6, plan.Trials.Count);
        Assert.Equal(new SearchProgress("tpe", 6, 20, "the 6 start-up trials to end"), plan.Search);
        Assert.Equal(["optimizer.lr", "model.hidden", "train.batch_size"], plan.VaryingKeys);
    }

    [Fact]
    public void The_start_up_of_tpe_is_the_random_search_of_the_same_seed()
    {
        var tpe = Expansion.Expand(Spec("tpe")).Trials.Select(t => t.Id);
        var random = Expansion.Expand(Spec("random")).Trials.Select(t => t.Id).ToList();
        Assert.Equal(20, random.Count);
        Assert.Equal(random.Take(6), tpe);
    }

    [Fact]
    public void Each_batch_comes_when_the_one_before_the_last_has_ended()
    {
        var spec = Spec();
        // Start-up ended: batch 1 (from its results) and batch 2 (from the same, batch 1 pending) are proposed.
        var plan = SearchPlanner.Plan(spec, t => t.Index < 6 ? Outcome(t) : TrialOutcome.Pending);
        Assert.Equal(12, plan.Trials.Count);
        Assert.Equal("batch 1 to end", plan.Search!.WaitingFor);
        // Everything ends as it comes: all 20.
        var all = SearchPlanner.Plan(spec, Outcome);
        Assert.Equal(20, all.Trials.Count);
        Assert.Null(all.Search!.WaitingFor);
        Assert.Equal(plan.Trials.Select(t => t.Id), all.Trials.Take(12).Select(t => t.Id));
    }

    [Fact]
    public void A_batch_never_learns_from_the_batch_still_in_flight()
    {
        var spec = Spec();
        // Batch 2 (trials 9–11) is proposed from the start-up's results with batch 1 pending, so batch 1's results,
        // whatever they are and whenever they arrive, do not change it; batch 3 does learn from them.
        var a = SearchPlanner.Plan(spec, Outcome);
        var b = SearchPlanner.Plan(spec, t => t.Index is >= 6 and < 9 ? new TrialOutcome(true, 0.99) : Outcome(t));
        Assert.Equal(a.Trials.Take(12).Select(t => t.Id), b.Trials.Take(12).Select(t => t.Id));
        Assert.NotEqual(a.Trials.Select(t => t.Id), b.Trials.Select(t => t.Id));
    }

    [Fact]
    public void Proposals_learn_from_the_results()
    {
        var plan = SearchPlanner.Plan(Spec(), Outcome);
        double Distance(TrialPlan t) => Math.Abs(Math.Log10((double)t.Config["optimizer.lr"]!) + 2);
        // The start-up is uniform on the logarithm over four decades; the proposals after it close in on 0.01.
        Assert.True(plan.Trials.Skip(6).Average(Distance) < plan.Trials.Take(6).Average(Distance),
            string.Join(", ", plan.Trials.Select(t => t.Config["optimizer.lr"])));
    }

    [Fact]
    public void Seeds_of_a_proposal_are_scored_by_their_mean_and_a_seed_without_a_metric_makes_it_bad()
    {
        var spec = SpecReader.Read(_files.Write("seeds.yaml", SweepFiles.Digits + """
            seeds: 2
            search:
              count: 8
              startup: 2
              batch: 2
              train.dropout: { uniform: [0, 0.9] }
            """));
        var plan = Expansion.Expand(spec);
        Assert.Equal(4, plan.Trials.Count); // two proposals × two seeds
        Assert.Equal(plan.Trials[0].Config["train.dropout"], plan.Trials[1].Config["train.dropout"]);
        // One seed of the first ended but the other has not: no batch yet.
        var waiting = SearchPlanner.Plan(spec, t => t.Index == 0 ? new TrialOutcome(true, 0.9) : TrialOutcome.Pending);
        Assert.Equal(4, waiting.Trials.Count);
        var grown = SearchPlanner.Plan(spec, t => new TrialOutcome(true, t.Index == 1 ? null : 0.9));
        Assert.Equal(16, grown.Trials.Count);
    }
}
