namespace Sweep.Core.Randomness;

/// <summary>
/// xoshiro256** with SplitMix64 seeding: fast, good, and — unlike System.Random — its whole state is four
/// numbers that a checkpoint can save and restore, so a resumed trial draws exactly what it would have.
/// </summary>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomSource(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private RandomSource(ulong[] state) => (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);

    /// <summary>An independent stream for a named purpose (init, shuffle, dropout), so adding draws to one never shifts
    /// another.</summary>
    public static RandomSource Derive(ulong seed, string purpose)
    {
        ulong h = 14695981039346656037UL; // FNV-1a of the purpose, mixed into the seed
        foreach (char ch in purpose) { h ^= ch; h *= 1099511628211UL; }
        return new RandomSource(seed ^ h);
    }

    public ulong[] SaveState() => [_s0, _s1, _s2, _s3];

    public static RandomSource FromState(ReadOnlySpan<ulong> state)
    {
        if (state.Length != 4) throw new ArgumentException("A random state has exactly four words.", nameof(state));
        return new RandomSource(state.ToArray());
    }

    public ulong NextULong()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n), unbiased (Lemire's multiply-shift with rejection).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive.");
        ulong bound = (ulong)n;
        UInt128 m = (UInt128)NextULong() * bound;
        if ((ulong)m < bound)
        {
            ulong threshold = (0UL - bound) % bound;
            while ((ulong)m < threshold) m = (UInt128)NextULong() * bound;
        }
        return (int)(m >> 64);
    }

    /// <summary>Standard normal by Box–Muller; no cached second value, so the state stays four words.</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fisher–Yates, in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
