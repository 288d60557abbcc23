using System.Diagnostics;
using System.Globalization;

namespace Sweep.Core.Tensors;

/// <summary>How the GEMM runs: its register tile, and the block of k it sums at a time (0: all of k at once). With
/// a block, each block's panel of B is read by every row block while it is in L1, and each tile's sums continue from
/// the block before, so every sum still runs over k in one order.</summary>
public readonly record struct GemmPlan(GemmTileKind Tile, int KBlock)
{
    /// <summary>"6x16" or "6x16/k384".</summary>
    public override string ToString() =>
        GemmTuner.ShapeText(Tile) + (KBlock > 0 ? string.Create(CultureInfo.InvariantCulture, $"/k{KBlock}") : "");
}

/// <summary>How the plan was chosen: set by <see cref="GemmTuner.TileVariable"/>, read from the cache, or measured
/// now (<see cref="Gflops"/> then holds what each candidate reached, on the forward products of 784-128-10 at batch
/// 32 and 128).</summary>
public sealed record GemmTileChoice(GemmIsa Isa, GemmPlan Plan, string How,
    IReadOnlyDictionary<GemmPlan, double> Gflops);

/// <summary>
/// Which register tile, and which block of k, the GEMM runs on this CPU (a <see cref="GemmPlan"/>). The plans differ
/// in speed only: each sums every output over k in one order, so any choice gives the same bits. Which is fastest
/// depends on the core (the 8×32 tile reached 97 % of the FMA peak on Zen 5 and 72 % on Intel's model 207), so on
/// first use each candidate is timed on the forward products of 784-128-10 (about half a second), and the winner is
/// kept per CPU model in <c>$XDG_CACHE_HOME/sweep/gemm-tiles.tsv</c> (<c>~/.cache</c> without it).
/// <see cref="TileVariable"/> sets a plan (<c>12x32</c>, <c>6x16/k384</c>); <see cref="RetuneVariable"/>=1 measures
/// again.
/// </summary>
public static class GemmTuner
{
    public const string TileVariable = "SWEEP_GEMM_TILE";
    public const string RetuneVariable = "SWEEP_GEMM_RETUNE";

    /// <summary>Tests set this to run every plan on one machine; null lets the tuner choose.</summary>
    internal static GemmPlan? Override { get; set; }

    /// <summary>The blocks of k a plan may sum at a time: all of k, or a block whose panel of B (16 or 32 columns)
    /// stays in a 32 KB L1 beside its rows of A.</summary>
    internal static readonly int[] KBlocks = [0, 192, 384];

    /// <summary>Where the choices are kept; tests point it at a folder of their own.</summary>
    internal static string CacheFile { get; set; } = DefaultCacheFile();

    [ThreadStatic] private static GemmPlan? t_measuring;
    private static readonly object Gate = new();
    /// <summary>The choice per instruction set, once made.</summary>
    private static readonly GemmTileChoice?[] s_made = new GemmTileChoice?[Enum.GetValues<GemmIsa>().Length];

    /// <summary>The tile the GEMM runs on <paramref name="isa"/>: hot (every product asks), so the choice is made
    /// once per process.</summary>
    internal static GemmPlan Resolve(GemmIsa isa)
    {
        if (t_measuring is { } measuring) return measuring;
        if (Override is { } forced && Array.IndexOf(GemmTiles.For(isa), forced.Tile) >= 0) return forced;
        return Choice(isa).Plan;
    }

    /// <summary>Every plan the tuner can pick on <paramref name="isa"/>, the default first.</summary>
    public static GemmPlan[] Plans(GemmIsa isa) =>
        [.. KBlocks.SelectMany(block => GemmTiles.For(isa).Select(tile => new GemmPlan(tile, block)))];

    /// <summary>The choice for <paramref name="isa"/>, made on first use (see the class).</summary>
    public static GemmTileChoice Choice(GemmIsa isa)
    {
        // Read without the lock once made: the sigmoid net at batch 10 asks 30,000 times an epoch.
        if (Volatile.Read(ref s_made[(int)isa]) is { } made) return made;
        lock (Gate)
        {
            made = s_made[(int)isa] ?? Choose(isa);
            Volatile.Write(ref s_made[(int)isa], made);
            return made;
        }
    }

    /// <summary>Forgets the choices made in this process (tests; the cache file stays).</summary>
    internal static void Reset()
    {
        lock (Gate) Array.Clear(s_made);
    }

    private static GemmTileChoice Choose(GemmIsa isa)
    {
        var candidates = Plans(isa);
        var none = new Dictionary<GemmPlan, double>();
        if (candidates.Length == 0) return new GemmTileChoice(isa, default, "no tile: plain code", none);
        if (Environment.GetEnvironmentVariable(TileVariable) is { Length: > 0 } wanted)
        {
            var named = candidates.Where(c => c.ToString() == wanted.Trim()).ToList();
            if (named.Count == 1) return new GemmTileChoice(isa, named[0], $"set by {TileVariable}", none);
        }
        string key = CpuKey(isa);
        if (Environment.GetEnvironmentVariable(RetuneVariable) != "1" && Cached(key, candidates) is { } cached)
            return new GemmTileChoice(isa, cached, $"measured before on this CPU ({CacheFile})", none);
        var gflops = Measure(candidates);
        var best = candidates.MaxBy(c => gflops[c]);
        Save(key, best, gflops);
        return new GemmTileChoice(isa, best, "measured now", gflops);
    }

    /// <summary>How long the first use measures the candidates.</summary>
    private const double MeasureSeconds = 0.5;

    public static string ShapeText(GemmTileKind kind) => $"{GemmTiles.Shape(kind).Mr}x{GemmTiles.Shape(kind).Nr}";

    /// <summary>Each candidate's GFLOP/s on the forward products at batch 32 and 128 (784 inputs, 128 outputs), in
    /// turns so that a noisy neighbour slows them alike: the best of its runs, summed over both shapes' work. The
    /// turns go on for <see cref="MeasureSeconds"/>: where the JIT compiles in tiers (tests), a tile's first calls
    /// run unoptimised code, and a fixed number of turns measured the first candidate at a tenth of its speed.
    /// </summary>
    public static Dictionary<GemmPlan, double> Measure(GemmIsa isa) => Measure(Plans(isa));

    private static unsafe Dictionary<GemmPlan, double> Measure(GemmPlan[] candidates)
    {
        const int inputs = 784, outputs = 128, minRounds = 12;
        long started = Stopwatch.GetTimestamp();
        int[] batches = [32, 128];
        var x = new float[128 * inputs];
        var w = new float[inputs * outputs];
        var bias = new float[outputs];
        var y = new float[128 * outputs];
        for (int i = 0; i < x.Length; i++) x[i] = (i % 97) / 97f - 0.5f;
        for (int i = 0; i < w.Length; i++) w[i] = (i % 89) / 890f - 0.05f;
        var best = candidates.ToDictionary(c => c, _ => batches.Select(_ => double.MaxValue).ToArray());
        fixed (float* px = x, pw = w, pb = bias, py = y)
        {
            for (int round = 0; round < minRounds || Stopwatch.GetElapsedTime(started).TotalSeconds < MeasureSeconds;
                round++)
                foreach (var candidate in candidates)
                    for (int s = 0; s < batches.Length; s++)
                    {
                        t_measuring = candidate;
                        try
                        {
                            long start = Stopwatch.GetTimestamp();
                            GemmDriver.Multiply(py, outputs, px, inputs, 1, pw, outputs, 1, batches[s], outputs,
                                inputs, pb, null, 0, EpilogueKind.BiasRelu);
                            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                            best[candidate][s] = Math.Min(best[candidate][s], seconds);
                        }
                        finally { t_measuring = null; }
                    }
        }
        double flops = batches.Sum(b => 2.0 * b * inputs * outputs);
        return candidates.ToDictionary(c => c, c => flops / best[c].Sum() / 1e9);
    }

    /// <summary>The CPU as the cache knows it: vendor, family, model, stepping and name, and the instruction set.
    /// </summary>
    private static string CpuKey(GemmIsa isa)
    {
        var fields = new Dictionary<string, string>();
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.Length == 0) break; // the first processor is enough
                int colon = line.IndexOf(':');
                if (colon > 0) fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        string cpu = string.Join(" ", new[] { "vendor_id", "cpu family", "model", "stepping", "model name" }
            .Select(f => fields.GetValueOrDefault(f, "?")));
        return $"{cpu} | {System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} | {isa}"
            .Replace('\t', ' ');
    }

    /// <summary>The tile kept for this CPU, if the cache names one of the candidates.</summary>
    private static GemmPlan? Cached(string key, GemmPlan[] candidates)
    {
        try
        {
            if (!File.Exists(CacheFile)) return null;
            foreach (string line in File.ReadLines(CacheFile).Reverse())
            {
                string[] cells = line.Split('\t');
                int found = cells.Length >= 2 && cells[0] == key
                    ? Array.FindIndex(candidates, c => c.ToString() == cells[1]) : -1;
                if (found >= 0) return candidates[found];
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Adds this CPU's choice to the cache, with what each tile reached; a cache that cannot be written
    /// (a read-only home) only costs the measurement again next time.</summary>
    private static void Save(string key, GemmPlan best, Dictionary<GemmPlan, double> gflops)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
            var kept = File.Exists(CacheFile)
                ? File.ReadLines(CacheFile).Where(l => !l.StartsWith(key + "\t", StringComparison.Ordinal)).ToList()
                : [];
            string measured = string.Join(" ", gflops.Select(g =>
                string.Create(CultureInfo.InvariantCulture, $"{g.Key}={g.Value:F1}")));
            kept.Add($"{key}\t{best}\t{measured} GFLOP/s");
            // Whole or not at all: another process may read it, or write its own choice, meanwhile.
            string temporary = $"{CacheFile}.{Environment.ProcessId}.tmp";
            File.WriteAllText(temporary, string.Join("\n", kept) + "\n");
            File.Move(temporary, CacheFile, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string DefaultCacheFile()
    {
        string? root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "sweep", "gemm-tiles.tsv");
    }
}
