using Sweep.Core.Optimizers;

namespace Sweep.Core.Tests.Optimizers;

/// <summary>Each optimizer's first steps against values worked out by hand from its published update rule.</summary>
public class OptimizerTests
{
    // One weight w = 1 (decays) with gradient g = 0.5, held fixed for every step.
    private static (Optimizer Optimizer, float[] W) Make(OptimizerOptions options, int length = 1)
    {
        var w = Enumerable.Repeat(1f, length).ToArray();
        var g = Enumerable.Repeat(0.5f, length).ToArray();
        return (Optimizer.Create(options, [new Parameter(w, g, Decays: true)]), w);
    }

    [Fact]
    public void Sgd_steps_against_the_gradient_with_L2_decay()
    {
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.Sgd, WeightDecay = 0.1f });
        opt.Step(0.1f);
        Assert.Equal(1f - 0.1f * (0.5f + 0.1f), w[0], 1e-6f); // 0.94
    }

    [Fact]
    public void Momentum_accumulates_velocity()
    {
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.Momentum, Momentum = 0.9f });
        opt.Step(0.1f); // v = 0.5, w = 1 − 0.05 = 0.95
        Assert.Equal(0.95f, w[0], 1e-6f);
        opt.Step(0.1f); // v = 0.45 + 0.5 = 0.95, w = 0.95 − 0.095 = 0.855
        Assert.Equal(0.855f, w[0], 1e-6f);
    }

    [Fact]
    public void Nesterov_looks_ahead_along_the_velocity()
    {
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.Momentum, Momentum = 0.9f, Nesterov = true });
        opt.Step(0.1f); // v = 0.5; w −= 0.1·(0.5 + 0.45) = 0.095
        Assert.Equal(0.905f, w[0], 1e-6f);
        opt.Step(0.1f); // v = 0.95; w −= 0.1·(0.5 + 0.855) = 0.1355
        Assert.Equal(0.7695f, w[0], 1e-6f);
    }

    [Fact]
    public void Adam_first_step_moves_by_the_learning_rate()
    {
        // Bias correction makes m̂ = g and v̂ = g² on step 1: w −= lr · g/(|g| + ε) ≈ lr.
        // 21: vector body and scalar tail
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.Adam }, length: 21);
        opt.Step(0.01f);
        Assert.All(w, v => Assert.Equal(0.99f, v, 1e-6f));
        opt.Step(0.01f); // constant gradient: again m̂ = g, v̂ = g²
        Assert.All(w, v => Assert.Equal(0.98f, v, 1e-6f));
    }

    [Fact]
    public void Adam_adds_L2_to_the_gradient_but_AdamW_decays_the_weight_directly()
    {
        var (adam, wa) = Make(new OptimizerOptions { Kind = OptimizerKind.Adam, WeightDecay = 0.5f });
        adam.Step(0.01f); // g = 0.5 + 0.5·1 = 1: still a step of lr
        Assert.Equal(0.99f, wa[0], 1e-6f);
        var (adamw, ww) = Make(new OptimizerOptions { Kind = OptimizerKind.AdamW, WeightDecay = 0.5f });
        adamw.Step(0.01f); // w·(1 − lr·λ) − lr = 0.995 − 0.01
        Assert.Equal(0.985f, ww[0], 1e-6f);
    }

    [Fact]
    public void RmsProp_divides_by_the_running_root_mean_square()
    {
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.RmsProp, Rho = 0.9f });
        opt.Step(0.01f); // s = 0.1·0.25 = 0.025; w −= 0.01·0.5/√0.025
        Assert.Equal(1f - 0.01f * 0.5f / MathF.Sqrt(0.025f), w[0], 1e-6f);
    }

    [Fact]
    public void Adagrad_divides_by_the_root_of_the_summed_squares()
    {
        var (opt, w) = Make(new OptimizerOptions { Kind = OptimizerKind.Adagrad }, length: 17);
        opt.Step(0.1f); // s = 0.25: w −= 0.1
        opt.Step(0.1f); // s = 0.5: w −= 0.1·0.5/√0.5
        Assert.All(w, v => Assert.Equal(0.9f - 0.1f * 0.5f / MathF.Sqrt(0.5f), v, 1e-6f));
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    [InlineData(OptimizerKind.Adagrad)]
    public void A_step_applied_in_slices_gives_exactly_the_whole_step(OptimizerKind kind)
    {
        var options =
            new OptimizerOptions { Kind = kind, WeightDecay = 0.01f, Nesterov = kind == OptimizerKind.Momentum };
        var random = new Random(3);
        var start = Enumerable.Range(0, 37).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var gradients = Enumerable.Range(0, 3)
            .Select(_ => Enumerable.Range(0, 37).Select(_ => random.NextSingle() - 0.5f).ToArray()).ToArray();
        float[] wholeW = (float[])start.Clone(), slicedW = (float[])start.Clone(), g = new float[37];
        var whole = Optimizer.Create(options, [new Parameter(wholeW, g, Decays: true)]);
        var sliced = Optimizer.Create(options, [new Parameter(slicedW, new float[37], Decays: true)]);
        foreach (var step in gradients)
        {
            step.CopyTo(g, 0);
            whole.Step(0.01f);
            sliced.StartStep();
            sliced.Apply(0, 20, step.AsSpan(20), 0.01f); // out of order, and ragged
            sliced.Apply(0, 0, step.AsSpan(0, 20), 0.01f);
        }
        Assert.Equal(wholeW, slicedW);
        Assert.Equal(whole.State.SelectMany(s => s), sliced.State.SelectMany(s => s));
    }

    [Theory]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.RmsProp)]
    public void State_that_decays_is_never_left_subnormal(OptimizerKind kind)
    {
        // 21 elements: the vector body and the scalar tail must apply the same rule. One gradient, then none: the
        // state decays by β every step through the subnormal range (Adam's m by 0.9: below 2^-126 after ~830 steps).
        var (opt, w) = Make(new OptimizerOptions { Kind = kind }, length: 21);
        opt.Step(0.01f);
        Array.Clear(opt.Parameters[0].Gradient);
        bool reachedZero = false;
        for (int step = 0; step < 2000; step++)
        {
            opt.Step(0.01f);
            var state = opt.State.SelectMany(s => s).ToArray();
            Assert.DoesNotContain(state, float.IsSubnormal);
            reachedZero |= state.Any(v => v == 0f);
        }
        Assert.True(reachedZero, "the decaying state never reached zero: the test did not reach the subnormal range");
        Assert.All(w, v => Assert.Equal(w[0], v)); // body and tail alike
    }

    [Fact]
    public void Biases_never_decay()
    {
        var b = new[] { 1f };
        var opt = Optimizer.Create(new OptimizerOptions { Kind = OptimizerKind.Sgd, WeightDecay = 0.1f },
            [new Parameter(b, [0f], Decays: false)]);
        opt.Step(0.1f);
        Assert.Equal(1f, b[0]);
    }

    [Fact]
    public void Clipping_scales_the_global_norm_down_and_leaves_small_gradients_alone()
    {
        var p = new Parameter([0f, 0f], [3f, 4f], true);
        Assert.Equal(5.0, GradientClipping.ClipByGlobalNorm([p], 1f), 1e-6);
        Assert.Equal([0.6f, 0.8f], p.Gradient);
        GradientClipping.ClipByGlobalNorm([p], 10f);
        Assert.Equal([0.6f, 0.8f], p.Gradient);
    }
}
