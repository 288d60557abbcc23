using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sweep.Core.Optimizers;

/// <summary>
/// Optimizer state that decays towards zero is set to zero once it is subnormal (below 2⁻¹²⁶ ≈ 1.2e−38).
/// <para>
/// A weight whose gradient stops (a pixel that is dark in nearly every MNIST image, a dead ReLU unit) keeps
/// multiplying its state by β every step. The state passes through the subnormal range, where each multiply, square
/// root and division costs the processor a slow microcoded assist, and stays there for over a hundred steps. After 5
/// epochs of 784-160-10 on MNIST at learning rates 0.001 and 0.01, 3–17 % of Adam's state was subnormal, 3–4 % of
/// Momentum's and 7–24 % of RMSProp's. Flushing them to zero shortens those epochs (by how much, per optimizer:
/// docs/performance.md); more units die at higher rates, so more time is saved there.
/// </para>
/// <para>
/// Zero instead of a subnormal changes no weight in practice. The step it feeds is below 1e−30, far under half a unit
/// in the last place of any weight larger than 1e−23. A later gradient g adds (1 − β)·g, and any g above 1e−30 swamps
/// what was dropped. In all six runs above, the weights after training were bit-identical with and without the
/// flush. It is deterministic either way, so runs stay bit-identical across --parallel and resume.
/// </para>
/// </summary>
internal static class Subnormals
{
    /// <summary>The smallest normal float, 2⁻¹²⁶.</summary>
    public const float SmallestNormal = 1.17549435E-38f;

    /// <summary>
    /// x, or zero where |x| is subnormal (or zero): where its exponent bits are all zero. Read from the bits rather
    /// than compared with the smallest normal, so that it is plain integer arithmetic, which AVX-512 encodes for all
    /// 32 vector registers. A float compare on 256-bit vectors is a VEX instruction that reaches only the first 16,
    /// and with tiering off (the CLI compiles each method once, fully optimised) that left Adam's loop short of
    /// registers: it reloaded four of its constants from the stack every 8 weights. Without the compare the deep
    /// net's epoch is shorter (docs/performance.md), and every number is the same (the two rules agree bit for bit:
    /// tests/…/SubnormalsTests).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> ToZero(Vector<float> x)
    {
        var exponent = Vector.AsVectorInt32(x) & new Vector<int>(0x7F800000);
        // exponent − 1 is negative only for an exponent of 0; its sign bit, spread over the lane, is the mask.
        var subnormal = Vector.ShiftRightArithmetic(exponent - Vector<int>.One, 31);
        return Vector.AsVectorSingle(Vector.AndNot(Vector.AsVectorInt32(x), subnormal));
    }

    /// <summary>x, or zero where |x| is subnormal: the same rule for the elements past the last whole vector.</summary>
    public static float ToZero(float x) => MathF.Abs(x) < SmallestNormal ? 0f : x;
}
