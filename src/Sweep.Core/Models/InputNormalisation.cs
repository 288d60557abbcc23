using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Core.Models;

/// <summary>
/// How raw pixel bytes become network inputs: x = (raw · Scale − Mean[f]) / Std[f]. Kept with the model, so a
/// saved network classifies a user's image exactly as it saw its training data.
/// </summary>
public sealed class InputNormalisation
{
    public InputNormalisation(float scale, float[]? mean = null, float[]? std = null)
    {
        if (!(scale > 0) || !float.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), "Scale must be a positive number.");
        if ((mean is null) != (std is null)) throw new ArgumentException("Mean and standard deviation come together.");
        if (mean is not null && mean.Length != std!.Length)
            throw new ArgumentException("Mean and standard deviation must have one value per feature.");
        Scale = scale;
        Mean = mean;
        Std = std;
        if (std is not null)
        {
            InverseStd = new float[std.Length];
            // A feature that never varies in training (MNIST's border pixels) gets std 1 rather than a division by
            // zero.
            for (int f = 0; f < std.Length; f++) InverseStd[f] = std[f] > 1e-6f ? 1f / std[f] : 1f;
        }
    }

    /// <summary>Only scaling, e.g. 1/255 for MNIST or 1/16 for the 8×8 digits.</summary>
    public static InputNormalisation Scaled(float scale) => new(scale);

    public float Scale { get; }
    public float[]? Mean { get; }
    public float[]? Std { get; }
    /// <summary>1 / Std, or 1 where a feature never varied: what <see cref="Apply"/> multiplies by (exports use it to
    /// match exactly).</summary>
    public float[]? InverseStd { get; }

    public bool Standardises => Mean is not null;

    /// <summary>x[F] = normalised raw[F]; element by element the same arithmetic with or without SIMD.</summary>
    public void Apply(Span<float> x, ReadOnlySpan<byte> raw)
    {
        if (x.Length < raw.Length) throw new ArgumentException("Output is shorter than the raw sample.");
        if (Mean is not null && raw.Length != Mean.Length)
            throw new ArgumentException(
                $"The normalisation has {Mean.Length} features but the sample has {raw.Length}.");
        // Every training sample passes through here once per epoch, a visible share of a small net's epoch: bytes
        // are widened 16 at a time, in one instruction where AVX-512 has it (docs/performance.md).
        int f = 0;
        ref byte source = ref MemoryMarshal.GetReference(raw);
        ref float target = ref MemoryMarshal.GetReference(x);
        if (Avx512F.IsSupported)
        {
            var wide = Vector512.Create(Scale);
            for (; f + 16 <= raw.Length; f += 16)
            {
                var bytes = Vector128.LoadUnsafe(ref source, (nuint)f);
                (Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(bytes)) * wide)
                    .StoreUnsafe(ref target, (nuint)f);
            }
        }
        var scale = Vector128.Create(Scale);
        for (; f + 16 <= raw.Length; f += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)f));
            var (q0, q1) = Vector128.Widen(low);
            var (q2, q3) = Vector128.Widen(high);
            (Vector128.ConvertToSingle(q0.AsInt32()) * scale).StoreUnsafe(ref target, (nuint)f);
            (Vector128.ConvertToSingle(q1.AsInt32()) * scale).StoreUnsafe(ref target, (nuint)f + 4);
            (Vector128.ConvertToSingle(q2.AsInt32()) * scale).StoreUnsafe(ref target, (nuint)f + 8);
            (Vector128.ConvertToSingle(q3.AsInt32()) * scale).StoreUnsafe(ref target, (nuint)f + 12);
        }
        for (; f < raw.Length; f++) x[f] = raw[f] * Scale;
        if (Mean is null) return;
        var centred = x[..raw.Length];
        TensorPrimitives.Subtract(centred, Mean, centred);
        TensorPrimitives.Multiply(centred, InverseStd!, centred);
    }

    /// <summary>Per-feature mean and standard deviation of scaled samples: the statistics of a training
    /// split.</summary>
    public static InputNormalisation Standardised(float scale, int features, IEnumerable<ReadOnlyMemory<byte>> samples)
    {
        var sum = new double[features];
        var sumSq = new double[features];
        long n = 0;
        foreach (var sample in samples)
        {
            var s = sample.Span;
            for (int f = 0; f < features; f++)
            {
                double v = s[f] * (double)scale;
                sum[f] += v;
                sumSq[f] += v * v;
            }
            n++;
        }
        if (n == 0) throw new ArgumentException("Cannot standardise with no training samples.");
        var mean = new float[features];
        var std = new float[features];
        for (int f = 0; f < features; f++)
        {
            double m = sum[f] / n;
            mean[f] = (float)m;
            std[f] = (float)Math.Sqrt(Math.Max(sumSq[f] / n - m * m, 0));
        }
        return new InputNormalisation(scale, mean, std);
    }
}
