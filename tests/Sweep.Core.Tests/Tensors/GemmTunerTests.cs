using Sweep.Core.Tensors;

namespace Sweep.Core.Tests.Tensors;

/// <summary>The register tiles the tuner picks from differ in speed only: every one gives the same bits for every
/// product, edge and epilogue; and the tuner keeps its choice per CPU, or takes the one it is told.</summary>
[Collection(GemmIsaCollection.Name)]
public sealed class GemmTunerTests : IDisposable
{
    private readonly string _cacheDir = Directory.CreateTempSubdirectory("sweep-gemm-cache-").FullName;
    private readonly string _savedCache = GemmTuner.CacheFile;

    public GemmTunerTests() => GemmTuner.CacheFile = Path.Combine(_cacheDir, "sweep", "gemm-tiles.tsv");

    public void Dispose()
    {
        GemmTuner.CacheFile = _savedCache;
        GemmTuner.Override = null;
        GemmTuner.Reset();
        Environment.SetEnvironmentVariable(GemmTuner.TileVariable, null);
        Environment.SetEnvironmentVariable(GemmTuner.RetuneVariable, null);
        Directory.Delete(_cacheDir, recursive: true);
    }

    /// <summary>Shapes around every tile's edges: rows 1, 2, under and over half of 4, 5, 6, 8, 12 and 14; columns
    /// under and over one and two vectors of 8 and 16; k odd, long, and over one and two blocks of k.</summary>
    private static readonly (int Batch, int Inputs, int Outputs)[] Shapes =
    [
        (1, 7, 3), (2, 64, 10), (3, 33, 17), (5, 100, 9), (7, 50, 24), (10, 784, 30), (13, 64, 33), (15, 31, 47),
        (29, 65, 16), (32, 784, 128), (33, 17, 65), (9, 400, 40), (14, 193, 31), (5, 20, 400),
    ];

    [SkippableTheory]
    [InlineData(GemmIsa.Vector512)]
    [InlineData(GemmIsa.Vector256)]
    public void Every_plan_the_tuner_can_pick_gives_the_same_bits(GemmIsa isa)
    {
        using var _ = GemmIsaCollection.Use(isa);
        var tiles = GemmTuner.Plans(isa);
        Assert.True(tiles.Length >= 6, $"{isa} has {tiles.Length} plans");
        Assert.Contains(tiles, p => p.KBlock > 0 && p.KBlock < 784); // blocks of k that split the long products
        foreach (var (batch, inputs, outputs) in Shapes)
        {
            var results = tiles.Select(tile =>
            {
                GemmTuner.Override = tile;
                return Products(batch, inputs, outputs);
            }).ToList();
            for (int t = 1; t < tiles.Length; t++)
                for (int p = 0; p < results[0].Count; p++)
                    Assert.True(results[0][p].AsSpan().SequenceEqual(results[t][p]),
                        $"{tiles[t]} differs from {tiles[0]} in product {p} at {batch}×{inputs}×{outputs}");
        }
    }

    /// <summary>A B read in place is copied to aligned panels when it is misaligned and 4 or more row blocks read it,
    /// and read in place otherwise: with the weights (forward) and the output's gradient (weight gradient) at every
    /// offset from a cache line, every plan gives each output as one chain of fused multiply-adds over k in order.
    /// </summary>
    [SkippableTheory]
    [InlineData(GemmIsa.Vector512)]
    [InlineData(GemmIsa.Vector256)]
    public void A_row_major_B_anywhere_in_a_cache_line_gives_the_same_bits(GemmIsa isa)
    {
        using var _ = GemmIsaCollection.Use(isa);
        // Rows: one row block, 3 and many; outputs: whole panels and a ragged last one; k over blocks of k and not.
        var shapes = new[] { (6, 400, 32), (20, 400, 40), (64, 784, 128), (45, 200, 17), (128, 64, 30) };
        foreach (var (batch, inputs, outputs) in shapes)
        {
            var x = GemmTests.Random(batch * inputs, 31); var w = GemmTests.Random(inputs * outputs, 32);
            var dY = GemmTests.Random(batch * outputs, 34);
            var expectedY = InOrder(x, w, batch, inputs, outputs, (r, p) => r * inputs + p);
            var expectedDw = InOrder(x, dY, inputs, batch, outputs, (r, p) => p * inputs + r);
            foreach (var plan in GemmTuner.Plans(isa))
            {
                GemmTuner.Override = plan;
                foreach (int offset in new[] { 0, 1, 2, 4, 8, 15 })
                {
                    var y = new float[batch * outputs];
                    Gemm.Forward(y, x, PlacedAt(w, offset), new float[outputs], batch, inputs, outputs,
                        EpilogueKind.Store);
                    var dW = new float[inputs * outputs];
                    Gemm.WeightGradient(dW, x, PlacedAt(dY, offset), batch, inputs, outputs);
                    string where = $"{plan} at {batch}×{inputs}×{outputs}, {offset} floats past a cache line";
                    Assert.True(expectedY.AsSpan().SequenceEqual(y), $"{where}: the forward product differs");
                    Assert.True(expectedDw.AsSpan().SequenceEqual(dW), $"{where}: the weight gradient differs");
                }
            }
        }
    }

    /// <summary>C[rows, n] with C(r, j) = fma(A(r, k−1), B(k−1, j), … fma(A(r, 0), B(0, j), 0)): A(r, p) at
    /// a[index(r, p)], B row-major.</summary>
    private static float[] InOrder(float[] a, float[] b, int rows, int k, int n, Func<int, int, int> index)
    {
        var c = new float[rows * n];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < n; j++)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[index(r, p)], b[p * n + j], sum);
                c[r * n + j] = sum;
            }
        return c;
    }

    /// <summary>A copy of <paramref name="values"/> starting <paramref name="offset"/> floats past a 64-byte
    /// boundary.</summary>
    private static unsafe ReadOnlySpan<float> PlacedAt(float[] values, int offset)
    {
        var buffer = GC.AllocateArray<float>(values.Length + 32, pinned: true);
        fixed (float* p = buffer)
        {
            int start = (int)((64 - ((nint)p & 63)) & 63) / sizeof(float) + offset;
            values.CopyTo(buffer, start);
            Assert.Equal(offset * sizeof(float), (int)((nint)(p + start) & 63));
            return buffer.AsSpan(start, values.Length);
        }
    }

    /// <summary>Forward with each epilogue, the weight gradient stored and handed over in slabs, and the input
    /// gradient with each gate.</summary>
    private static List<float[]> Products(int batch, int inputs, int outputs)
    {
        var x = GemmTests.Random(batch * inputs, 21); var w = GemmTests.Random(inputs * outputs, 22);
        var bias = GemmTests.Random(outputs, 23); var dY = GemmTests.Random(batch * outputs, 24);
        var gate = GemmTests.Random(batch * inputs, 25);
        var products = new List<float[]>();
        foreach (var epilogue in new[] { EpilogueKind.Store, EpilogueKind.BiasRelu, EpilogueKind.BiasLeakyRelu })
        {
            var y = new float[batch * outputs];
            Gemm.Forward(y, x, w, bias, batch, inputs, outputs, epilogue);
            products.Add(y);
        }
        var dW = new float[inputs * outputs];
        Gemm.WeightGradient(dW, x, dY, batch, inputs, outputs);
        products.Add(dW);
        foreach (var epilogue in new[] { EpilogueKind.Store, EpilogueKind.ReluGate, EpilogueKind.LeakyReluGate })
        {
            var dX = new float[batch * inputs];
            Gemm.InputGradient(dX, dY, w, gate, batch, inputs, outputs, epilogue);
            products.Add(dX);
        }
        return products;
    }

    [SkippableFact]
    public void The_choice_is_measured_once_kept_for_this_cpu_and_can_be_set_or_measured_again()
    {
        var isa = GemmIsaResolver.Resolve();
        Skip.If(GemmTiles.For(isa).Length < 2, $"{isa} has one tile: nothing to tune");
        GemmTuner.Reset();
        var measured = GemmTuner.Choice(isa);
        Assert.Equal("measured now", measured.How);
        Assert.Equal(GemmTuner.Plans(isa).Length, measured.Gflops.Count);
        Assert.All(measured.Gflops.Values, g => Assert.True(g > 0.1, $"{g} GFLOP/s"));
        Assert.Equal(measured.Gflops.MaxBy(g => g.Value).Key, measured.Plan);
        string cache = File.ReadAllText(GemmTuner.CacheFile);
        Assert.Contains($"\t{measured.Plan}\t", cache);

        // Another process on this CPU reads it instead of measuring.
        GemmTuner.Reset();
        var again = GemmTuner.Choice(isa);
        Assert.Equal((measured.Plan, 0), (again.Plan, again.Gflops.Count));
        Assert.StartsWith("measured before on this CPU", again.How);

        // Set by the variable, whatever the cache says.
        var other = GemmTuner.Plans(isa).First(p => p != measured.Plan && p.KBlock > 0);
        Environment.SetEnvironmentVariable(GemmTuner.TileVariable, other.ToString()); // "6x16/k384"
        GemmTuner.Reset();
        Assert.Equal((other, $"set by {GemmTuner.TileVariable}"), (GemmTuner.Choice(isa).Plan,
            GemmTuner.Choice(isa).How));
        Assert.Equal(other, GemmTuner.Resolve(isa));

        // Measured again on request, and the cache keeps one line for this CPU.
        Environment.SetEnvironmentVariable(GemmTuner.TileVariable, null);
        Environment.SetEnvironmentVariable(GemmTuner.RetuneVariable, "1");
        GemmTuner.Reset();
        Assert.Equal("measured now", GemmTuner.Choice(isa).How);
        Assert.Single(File.ReadAllLines(GemmTuner.CacheFile));
    }
}
