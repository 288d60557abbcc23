using System.Runtime.CompilerServices;

namespace Sweep.Core.Tensors;

/// <summary>
/// The general packed product behind <see cref="Gemm"/>: C[m,n] = epilogue(A[m,k] · B[k,n]), where element
/// (i,p) of A sits at a[i*rsA + p*csA] and (p,j) of B at b[p*rsB + j*csB]. Strides make the transposed
/// operands of backprop free: packing reads them in whatever order and lays them out for the register tile.
/// </summary>
internal static unsafe class GemmDriver
{
    // Per-thread pinned scratch, grown on first use: a trial runs on one thread, so after the first batch
    // the products allocate nothing.
    [ThreadStatic] private static float[]? s_packA;
    [ThreadStatic] private static float[]? s_packB;

    public static void Multiply(
        float* c, int ldc,
        float* a, int rsA, int csA,
        float* b, int rsB, int csB,
        int m, int n, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue)
    {
        if (m == 0 || n == 0) return;
        var isa = GemmIsaResolver.Resolve();
        int mr = isa == GemmIsa.Vector512 ? GemmTile512.MR : GemmTile256.MR;
        int nr = isa == GemmIsa.Vector512 ? GemmTile512.NR : GemmTile256.NR;
        int mBlocks = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;

        // B is read in place when its rows are contiguous (forward, weight gradient); only the ragged last
        // panel, or a transposed B (input gradient), is packed into NR-wide zero-padded panels.
        bool bInPlace = csB == 1;
        float* packB = Scratch(ref s_packB, (long)(bInPlace ? 1 : nPanels) * nr * k);
        if (!bInPlace)
            for (int jp = 0; jp < nPanels; jp++)
                PackB(packB + (long)jp * nr * k, b, rsB, csB, jp * nr, Math.Min(nr, n - jp * nr), k, nr);
        else if (n % nr != 0)
            PackB(packB, b, rsB, csB, (nPanels - 1) * nr, n % nr, k, nr);

        float* packA = Scratch(ref s_packA, (long)mr * k);
        float* edge = stackalloc float[GemmTile512.MR * GemmTile512.NR];
        for (int ip = 0; ip < mBlocks; ip++)
        {
            int i0 = ip * mr, mValid = Math.Min(mr, m - i0);
            // A in place: row pointers when rows are contiguous, a stride when columns are (a transposed
            // operand); a ragged last block is packed so that no tile reads past the matrix.
            bool aRows = csA == 1 && mValid == mr;
            bool aStrided = !aRows && rsA == 1 && mValid == mr;
            float* pa = a + (long)i0 * rsA;
            int sa = aRows ? rsA : csA; // the stride the tile walks: between rows, or between steps of k
            if (!aRows && !aStrided)
            {
                PackA(packA, a, rsA, csA, i0, mValid, k, mr);
                pa = packA;
                sa = mr;
            }
            for (int jp = 0; jp < nPanels; jp++)
            {
                int j0 = jp * nr, nValid = Math.Min(nr, n - j0);
                float* pb; int ldb;
                if (!bInPlace) { pb = packB + (long)jp * nr * k; ldb = nr; }
                else if (nValid == nr) { pb = b + j0; ldb = rsB; }
                else { pb = packB; ldb = nr; }

                float* cTile = c + (long)i0 * ldc + j0;
                if (mValid == mr && nValid == nr)
                {
                    Tile(isa, aRows, cTile, ldc, pa, sa, pb, ldb, k, bias + j0, gate + (long)i0 * ldg + j0, ldg, epilogue);
                }
                else
                {
                    // Edge tile: compute the full tile into scratch, then finish only the valid part.
                    Tile(isa, aRows, edge, nr, pa, sa, pb, ldb, k, null, null, 0, EpilogueKind.Store);
                    for (int i = 0; i < mValid; i++)
                    {
                        // Narrow layers (784-30-10) are all edge: a plain store must stay a vector copy there.
                        if (epilogue == EpilogueKind.Store)
                        {
                            new ReadOnlySpan<float>(edge + i * nr, nValid).CopyTo(new Span<float>(cTile + (long)i * ldc, nValid));
                            continue;
                        }
                        for (int j = 0; j < nValid; j++)
                            cTile[(long)i * ldc + j] = Finish(edge[i * nr + j], epilogue, bias, gate, ldg, i0 + i, j0 + j);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(GemmIsa isa, bool aRows, float* c, int ldc, float* pa, int sa, float* pb, int ldb, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue)
    {
        if (isa == GemmIsa.Vector512)
        {
            if (aRows) GemmTile512.TileRows(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue);
            else GemmTile512.TileStrided(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue);
        }
        else
        {
            if (aRows) GemmTile256.TileRows(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue);
            else GemmTile256.TileStrided(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue);
        }
    }

    /// <summary>The scalar epilogue, shared with the plain twin so both finish elements identically.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Finish(float v, EpilogueKind epilogue, float* bias, float* gate, int ldg, int i, int j) => epilogue switch
    {
        EpilogueKind.Bias => v + bias[j],
        EpilogueKind.BiasRelu => MathF.Max(v + bias[j], 0f),
        EpilogueKind.BiasLeakyRelu => v + bias[j] > 0f ? v + bias[j] : (v + bias[j]) * Epilogue.LeakySlope,
        EpilogueKind.ReluGate => gate[(long)i * ldg + j] > 0f ? v : 0f,
        EpilogueKind.LeakyReluGate => gate[(long)i * ldg + j] > 0f ? v : v * Epilogue.LeakySlope,
        _ => v,
    };

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

    /// <summary>dst[p, NR] = B(p, j0 + jj), zero columns past the edge.</summary>
    private static void PackB(float* dst, float* b, int rsB, int csB, int j0, int cols, int k, int nr)
    {
        if (csB == 1)
        {
            // Rows of B are contiguous: copy each row's slice and zero its padding.
            for (int p = 0; p < k; p++)
            {
                var row = new Span<float>(dst + (long)p * nr, nr);
                new ReadOnlySpan<float>(b + (long)p * rsB + j0, cols).CopyTo(row);
                row[cols..].Clear();
            }
            return;
        }
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
