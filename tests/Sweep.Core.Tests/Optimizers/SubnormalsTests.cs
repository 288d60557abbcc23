using System.Numerics;
using Sweep.Core.Optimizers;

namespace Sweep.Core.Tests.Optimizers;

public class SubnormalsTests
{
    private static float Bits(int bits) => BitConverter.Int32BitsToSingle(bits);

    // Both edges of the subnormal range, both signs, zeros, and what must pass untouched (NaN, infinities).
    private static readonly float[] Edges =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, Bits(0x007FFFFF), Bits(unchecked((int)0x807FFFFF)), Bits(0x00400000),
        Subnormals.SmallestNormal, -Subnormals.SmallestNormal, Bits(0x00800001), 1f, -2.5f, float.MaxValue,
        float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, -3e-38f,
    ];

    [Fact]
    public void The_vector_rule_flushes_exactly_what_the_scalar_rule_does_bit_for_bit()
    {
        // The vector rule reads the exponent bits (zero exactly for zeros and subnormals); the scalar rule compares
        // magnitudes. The vector body and the scalar tail of every optimizer must agree, or resumed and
        // differently sliced runs would not be bit-identical.
        int width = Vector<float>.Count;
        var padded = Edges.Concat(Enumerable.Repeat(1f, (width - Edges.Length % width) % width)).ToArray();
        for (int i = 0; i < padded.Length; i += width)
        {
            var flushed = Subnormals.ToZero(new Vector<float>(padded, i));
            for (int lane = 0; lane < width; lane++)
                Assert.Equal(BitConverter.SingleToInt32Bits(Subnormals.ToZero(padded[i + lane])),
                    BitConverter.SingleToInt32Bits(flushed[lane]));
        }
    }

    [Fact]
    public void Zeros_and_subnormals_become_positive_zero_and_everything_else_is_kept()
    {
        foreach (float x in Edges)
        {
            float flushed = Subnormals.ToZero(new Vector<float>(x))[0];
            if (x == 0f || float.IsSubnormal(x)) Assert.Equal(0, BitConverter.SingleToInt32Bits(flushed));
            else Assert.Equal(BitConverter.SingleToInt32Bits(x), BitConverter.SingleToInt32Bits(flushed));
        }
    }
}
