using System.Runtime.Intrinsics;

namespace Sweep.Core.Tensors;

/// <summary>Which instruction set the packed GEMM runs on.</summary>
public enum GemmIsa
{
    /// <summary>The widest this CPU accelerates.</summary>
    Auto,
    Vector512,
    Vector256,
    /// <summary>No SIMD: the plain twin (<see cref="GemmReference"/>).</summary>
    Scalar,
}

internal static class GemmIsaResolver
{
    /// <summary>Tests set this to walk every path on one machine; it never changes results beyond rounding.</summary>
    internal static GemmIsa Override { get; set; } = GemmIsa.Auto;

    public static GemmIsa Resolve()
    {
        var wanted = Override;
        if (wanted == GemmIsa.Scalar) return GemmIsa.Scalar;
        if (wanted != GemmIsa.Vector256 && Vector512.IsHardwareAccelerated) return GemmIsa.Vector512;
        if (Vector256.IsHardwareAccelerated) return GemmIsa.Vector256;
        return GemmIsa.Scalar;
    }
}
