using Sweep.Core.Tensors;

namespace Sweep.Core.Tests.Tensors;

/// <summary>Skips a row named for an instruction set this CPU does not accelerate: the resolver would silently run a
/// narrower one, and the row would claim a path it never took.</summary>
internal static class IsaAvailable
{
    public static void Require(GemmIsa isa) =>
        Skip.If(isa == GemmIsa.Vector512 && !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated
                || isa == GemmIsa.Vector256 && !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
            $"this CPU does not accelerate {isa}: that path cannot run here");
}

/// <summary>The fast kernel against its plain twin on every instruction-set path and on awkward shapes.</summary>
[Collection(GemmIsaCollection.Name)]
public class GemmTests
{
    // Shapes with 0, 1, and tails around the tile sizes (8/6 rows; 32/16 columns and their 16/8 halves).
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 0, 5, 3 }, { 3, 0, 4 }, { 2, 3, 0 }, { 1, 1, 1 }, { 1, 784, 10 }, { 7, 13, 33 }, { 8, 32, 32 }, { 9, 17, 31 },
        { 32, 784, 128 }, { 10, 784, 30 }, { 13, 64, 10 }, { 33, 65, 47 }, { 6, 5, 16 }, { 17, 3, 65 },
        { 5, 9, 7 }, { 11, 20, 24 }, { 3, 2, 8 },
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (var isa in new[] { GemmIsa.Vector512, GemmIsa.Vector256, GemmIsa.Scalar })
            foreach (var shape in Shapes)
                yield return [isa, shape[0], shape[1], shape[2]];
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Forward_matches_the_plain_twin_for_every_epilogue(GemmIsa isa, int batch, int inputs, int outputs)
    {
        var x = Random(batch * inputs, 1); var w = Random(inputs * outputs, 2); var bias = Random(outputs, 3);
        foreach (var epilogue in new[] { EpilogueKind.Store, EpilogueKind.Bias, EpilogueKind.BiasRelu,
            EpilogueKind.BiasLeakyRelu })
        {
            var expected = new float[batch * outputs];
            var actual = Poisoned(batch * outputs);
            GemmReference.Forward(expected, x, w, bias, batch, inputs, outputs, epilogue);
            using (GemmIsaCollection.Use(isa)) Gemm.Forward(actual, x, w, bias, batch, inputs, outputs, epilogue);
            AssertClose(expected, actual, inputs);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void WeightGradient_matches_the_plain_twin(GemmIsa isa, int batch, int inputs, int outputs)
    {
        var x = Random(batch * inputs, 4); var dY = Random(batch * outputs, 5);
        var expected = new float[inputs * outputs];
        var actual = Poisoned(inputs * outputs);
        GemmReference.WeightGradient(expected, x, dY, batch, inputs, outputs);
        using (GemmIsaCollection.Use(isa)) Gemm.WeightGradient(actual, x, dY, batch, inputs, outputs);
        AssertClose(expected, actual, batch);
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void InputGradient_matches_the_plain_twin_for_every_gate(GemmIsa isa, int batch, int inputs, int outputs)
    {
        var dY = Random(batch * outputs, 6); var w = Random(inputs * outputs, 7); var gate = Random(batch * inputs, 8);
        foreach (var epilogue in new[] { EpilogueKind.Store, EpilogueKind.ReluGate, EpilogueKind.LeakyReluGate })
        {
            var expected = new float[batch * inputs];
            var actual = Poisoned(batch * inputs);
            GemmReference.InputGradient(expected, dY, w, gate, batch, inputs, outputs, epilogue);
            using (GemmIsaCollection.Use(isa))
                Gemm.InputGradient(actual, dY, w, gate, batch, inputs, outputs, epilogue);
            AssertClose(expected, actual, outputs);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void WeightGradient_handed_over_in_slabs_equals_the_stored_product(GemmIsa isa, int batch, int inputs,
        int outputs)
    {
        var x = Random(batch * inputs, 4); var dY = Random(batch * outputs, 5);
        var stored = new float[inputs * outputs];
        var slabs = new SlabCollector(inputs * outputs);
        using (GemmIsaCollection.Use(isa))
        {
            Gemm.WeightGradient(stored, x, dY, batch, inputs, outputs);
            Gemm.WeightGradient(slabs, x, dY, batch, inputs, outputs);
        }
        Assert.Equal(stored, slabs.Gradient); // bit for bit: the same tiles, only written elsewhere
        Assert.Equal(inputs * outputs, slabs.Next); // in order, whole rows, nothing twice
    }

    private sealed class SlabCollector(int length) : IWeightGradientSink
    {
        public float[] Gradient { get; } = Poisoned(length);
        public int Next { get; private set; }

        public void Take(int offset, ReadOnlySpan<float> gradient)
        {
            Assert.Equal(Next, offset);
            gradient.CopyTo(Gradient.AsSpan(offset));
            Next = offset + gradient.Length;
        }
    }

    [Fact]
    public void Forward_leaves_memory_past_the_output_untouched()
    {
        var x = Random(9 * 17, 1); var w = Random(17 * 31, 2); var bias = Random(31, 3);
        var y = Poisoned(9 * 31 + 40);
        Gemm.Forward(y, x, w, bias, 9, 17, 31, EpilogueKind.BiasRelu);
        Assert.All(y[(9 * 31)..], v => Assert.Equal(-7777f, v));
    }

    [Fact]
    public void Too_short_buffers_are_rejected_with_the_name_of_the_operand()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Forward(new float[3], new float[8], new float[8],
            new float[2], 2, 4, 2, EpilogueKind.Bias));
        Assert.Contains("y[B,O]", error.Message);
    }

    [Theory]
    // model.hidden [67108865, 64] at batch 256: 256 × 67108865 wraps to 256 in 32 bits
    [InlineData(256, 67108865, 64)]
    [InlineData(65536, 65536, 1)]     // 2^32 wraps to 0
    public void Dimensions_whose_products_wrap_in_32_bits_are_rejected_not_overrun(int batch, int inputs, int outputs)
    {
        // Buffers as a wrapped product would have sized them: the check must see through the wrap.
        int wrapped(int a, int b) => Math.Max(0, unchecked(a * b));
        var y = new float[wrapped(batch, outputs)]; var x = new float[wrapped(batch, inputs)];
        var w = new float[wrapped(inputs, outputs)];
        Assert.Throws<ArgumentException>(() => Gemm.Forward(y, x, w, new float[outputs], batch, inputs, outputs,
            EpilogueKind.Bias));
        Assert.Throws<ArgumentException>(() => Gemm.InputGradient(x, y, w, x, batch, inputs, outputs,
            EpilogueKind.Store));
        Assert.Throws<ArgumentException>(() => Gemm.WeightGradient(w, x, y, batch, inputs, outputs));
    }

    private static void AssertClose(float[] expected, float[] actual, int depth)
    {
        // Different summation orders: float error grows like sqrt(depth) · eps · |terms|.
        float tolerance = 1e-5f * MathF.Sqrt(Math.Max(depth, 1)) * 4;
        for (int i = 0; i < expected.Length; i++)
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tolerance * (1 + MathF.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    [SkippableTheory]
    [InlineData(GemmIsa.Vector512)]
    [InlineData(GemmIsa.Vector256)]
    public unsafe void Forward_tiles_continued_from_stored_sums_give_every_bit_of_the_whole_product(GemmIsa isa)
    {
        // The lent core's forward: one core sums k < split of each tile and stores the sums; the other continues
        // them over the rest of k and applies the epilogue. Ragged rows and columns, and an odd split.
        foreach (var (batch, inputs, outputs, split) in new[] { (32, 784, 128, 384), (20, 300, 47, 144), (9, 17, 31, 5),
            (1, 256, 10, 128) })
        {
            var x = Random(batch * inputs, 11); var w = Random(inputs * outputs, 12); var bias = Random(outputs, 13);
            var whole = new float[batch * outputs];
            var partial = Poisoned(batch * outputs);
            var continued = Poisoned(batch * outputs);
            using (GemmIsaCollection.Use(isa))
            {
                Gemm.Forward(whole, x, w, bias, batch, inputs, outputs, EpilogueKind.BiasRelu);
                fixed (float* px = x, pw = w, pb = bias, pp = partial, pc = continued)
                    for (int t = 0; t < GemmDriver.ForwardTileCount(batch, outputs); t++)
                    {
                        GemmDriver.ForwardTile(t, pp, outputs, px, inputs, pw, outputs, batch, outputs, split, null,
                            EpilogueKind.Store, null);
                        GemmDriver.ForwardTile(t, pc, outputs, px + split, inputs, pw + split * outputs, outputs,
                            batch, outputs, inputs - split, pb, EpilogueKind.BiasRelu, pp);
                    }
            }
            Assert.Equal(whole, continued);
        }
    }

    private static float[] Poisoned(int n) => Enumerable.Repeat(-7777f, n).ToArray();

    internal static float[] Random(int n, int seed)
    {
        var r = new Random(seed);
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(r.NextDouble() * 2 - 1);
        return a;
    }
}
