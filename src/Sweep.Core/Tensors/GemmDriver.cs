using System.Runtime.CompilerServices;

namespace Sweep.Core.Tensors;

/// <summary>
/// The general packed product behind <see cref="Gemm"/>: C[m,n] = epilogue(A[m,k] · B[k,n]), where element
/// (i,p) of A sits at a[i*rsA + p*csA] and (p,j) of B at b[p*rsB + j*csB]. Strides make the transposed
/// operands of backprop free: packing reads them in whatever order and lays them out for the register tile.
/// With a sink, C is never stored whole: each block of MR finished rows goes to the sink from an L1 slab.
/// </summary>
internal static unsafe class GemmDriver
{
    // Per-thread pinned scratch, grown on first use: a trial runs on one thread, so after the first batch
    // the products allocate nothing.
    [ThreadStatic] private static float[]? s_packA;
    [ThreadStatic] private static float[]? s_packB;
    [ThreadStatic] private static float[]? s_slab;

    public static void Multiply(
        float* c, int ldc,
        float* a, int rsA, int csA,
        float* b, int rsB, int csB,
        int m, int n, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, IWeightGradientSink? sink = null)
    {
        if (m == 0 || n == 0) return;
        var isa = GemmIsaResolver.Resolve();
        int mr = isa == GemmIsa.Vector512 ? GemmTile512.MR : GemmTile256.MR;
        int nr = isa == GemmIsa.Vector512 ? GemmTile512.NR : GemmTile256.NR;
        int mBlocks = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;

        // B is read in place when its rows are contiguous (forward, weight gradient), its ragged last panel
        // through a lane mask; only a transposed B (input gradient) is packed into NR-wide panels.
        bool bInPlace = csB == 1;
        float* packB = bInPlace ? null : Scratch(ref s_packB, (long)nPanels * nr * k);
        if (!bInPlace)
            for (int jp = 0; jp < nPanels; jp++)
                PackB(packB + (long)jp * nr * k, b, rsB, csB, jp * nr, Math.Min(nr, n - jp * nr), k, nr);

        float* packA = Scratch(ref s_packA, (long)mr * k);
        float* slab = sink is null ? null : Scratch(ref s_slab, (long)mr * n);
        if (sink is not null) ldc = n;
        for (int ip = 0; ip < mBlocks; ip++)
        {
            int i0 = ip * mr, rows = Math.Min(mr, m - i0);
            // A in place: row pointers when rows are contiguous (a ragged block rereads its first row), a stride
            // when columns are (a transposed operand); a ragged strided block is packed so no tile reads past A.
            bool aRows = csA == 1;
            bool aStrided = !aRows && rsA == 1 && rows == mr;
            float* pa = a + (long)i0 * rsA;
            int sa = aRows ? rsA : csA; // the stride the tile walks: between rows, or between steps of k
            if (!aRows && !aStrided)
            {
                PackA(packA, a, rsA, csA, i0, rows, k, mr);
                pa = packA;
                sa = mr;
            }
            float* cBlock = sink is null ? c + (long)i0 * ldc : slab;
            for (int jp = 0; jp < nPanels; jp++)
            {
                int j0 = jp * nr, cols = Math.Min(nr, n - j0);
                float* pb = bInPlace ? b + j0 : packB + (long)jp * nr * k;
                int ldb = bInPlace ? rsB : nr;
                float* cTile = cBlock + j0, biasTile = bias + j0, gateTile = gate + (long)i0 * ldg + j0;
                if (isa == GemmIsa.Vector512) GemmTile512.Multiply(aRows, cTile, ldc, pa, sa, pb, ldb, k, biasTile, gateTile, ldg, epilogue, rows, cols);
                else GemmTile256.Multiply(aRows, cTile, ldc, pa, sa, pb, ldb, k, biasTile, gateTile, ldg, epilogue, rows, cols);
            }
            sink?.Take(i0 * n, new ReadOnlySpan<float>(slab, rows * n));
        }
    }

    /// <summary>dst[p, MR] = A(i0 + r, p), zero rows past the edge.</summary>
    private static void PackA(float* dst, float* a, int rsA, int csA, int i0, int rows, int k, int mr)
    {
        for (int r = 0; r < mr; r++)
        {
            if (r >= rows)
            {
                for (int p = 0; p < k; p++) dst[p * mr + r] = 0f;
                continue;
            }
            float* src = a + (long)(i0 + r) * rsA;
            for (int p = 0; p < k; p++) dst[p * mr + r] = src[(long)p * csA];
        }
    }

    /// <summary>dst[p, NR] = B(p, j0 + jj) for a B read across its rows, zero columns past the edge.</summary>
    private static void PackB(float* dst, float* b, int rsB, int csB, int j0, int cols, int k, int nr)
    {
        for (int jj = 0; jj < nr; jj++)
        {
            if (jj >= cols)
            {
                for (int p = 0; p < k; p++) dst[p * nr + jj] = 0f;
                continue;
            }
            float* src = b + (long)(j0 + jj) * csB;
            for (int p = 0; p < k; p++) dst[p * nr + jj] = src[(long)p * rsB];
        }
    }

    /// <summary>This thread's scratch of at least <paramref name="floats"/> floats, for a product handed over whole.</summary>
    public static Span<float> Slab(int floats) => new(Scratch(ref s_slab, floats), floats);

    private static float* Scratch(ref float[]? buffer, long floats)
    {
        const int align = 16; // floats: 64 bytes, one cache line, so panel loads never split lines
        if (buffer is null || buffer.Length < floats + align)
            buffer = GC.AllocateUninitializedArray<float>((int)Math.Max(floats + align, 1024), pinned: true);
        float* p = (float*)Unsafe.AsPointer(ref buffer[0]);
        long misalign = ((long)p & 63) / sizeof(float);
        return misalign == 0 ? p : p + (align - misalign);
    }
}
