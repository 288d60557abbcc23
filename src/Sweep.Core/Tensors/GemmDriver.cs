using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Core.Tensors;

/// <summary>
/// The general packed product behind <see cref="Gemm"/>: C[m,n] = epilogue(A[m,k] · B[k,n]), where element
/// (i,p) of A sits at a[i*rsA + p*csA] and (p,j) of B at b[p*rsB + j*csB]. Strides make the transposed
/// operands of backprop free: packing reads them in whatever order and lays them out for the register tile.
/// With a sink, C is never stored whole: each block of MR finished rows (or a few, for a narrow C) goes to the sink
/// from an L1 slab.
/// </summary>
internal static unsafe class GemmDriver
{
    // Per-thread pinned scratch, grown on first use: a trial runs on one thread, so after the first batch
    // the products allocate nothing.
    [ThreadStatic] private static float[]? s_packA;
    [ThreadStatic] private static float[]? s_packB;
    [ThreadStatic] private static float[]? s_slab;

    /// <summary>The most a slab for the sink holds when a block is smaller: 4 KB, so the optimizer still reads it
    /// from L1. A block of 784-128-10's first layer (8 × 128) fills it alone; the sigmoid net's 784×30 layer
    /// hands over 4 blocks a call instead of 1, fewer calls for the same work (docs/performance.md, "Measured in
    /// passing").</summary>
    private const int SlabFloats = 1024;

    public static void Multiply(
        float* c, int ldc,
        float* a, int rsA, int csA,
        float* b, int rsB, int csB,
        int m, int n, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, IWeightGradientSink? sink = null)
    {
        if (m == 0 || n == 0) return;
        var (tile, kBlock) = GemmTuner.Resolve(GemmIsaResolver.Resolve());
        var (mr, nr) = GemmTiles.Shape(tile);
        int nPanels = (n + nr - 1) / nr;

        // B is read in place when its rows are contiguous (forward, weight gradient), its ragged last panel
        // through a lane mask; a transposed B (input gradient) is packed into NR-wide panels. A B read in place whose
        // rows do not start on cache lines (a managed array starts anywhere 8 bytes apart) splits a load of each step
        // across two lines: with 4 row blocks or more to read it, it is first copied to aligned panels (in blocks of
        // k, block by block); with fewer the copy costs more than it saves (docs/performance.md, "Packing a
        // misaligned B").
        bool bInPlace = csB == 1;
        bool copyB = bInPlace && (m + mr - 1) / mr >= 4 && (((nint)b & 63) != 0 || rsB % 16 != 0);
        bool kBlocked = sink is null && csA == 1 && kBlock > 0 && kBlock < k;
        float* packB = null;
        if (!bInPlace || (copyB && !kBlocked))
        {
            packB = Scratch(ref s_packB, (long)nPanels * nr * k);
            for (int jp = 0; jp < nPanels; jp++)
            {
                int j0 = jp * nr, cols = Math.Min(nr, n - j0);
                if (bInPlace) CopyPanel(packB + (long)jp * nr * k, nr, b + j0, rsB, k, cols);
                else PackB(packB + (long)jp * nr * k, b, rsB, csB, j0, cols, k, nr);
            }
        }

        // In blocks of k where A's rows are read in place and C is stored whole (forward, input gradient).
        if (kBlocked)
        {
            KBlocked(tile, mr, nr, c, ldc, a, rsA, bInPlace ? b : packB, bInPlace ? rsB : nr,
                bInPlace ? 1L : (long)nr * k, m, n, k, kBlock, bias, gate, ldg, epilogue, copyB);
            return;
        }

        RowBlocks(tile, mr, nr, c, ldc, a, rsA, csA, b, rsB, packB, m, n, k, bias, gate, ldg, epilogue, sink);
    }

    /// <summary>The product block of MR rows by block: each block's A read in place or packed, its tiles across every
    /// panel of B (in place, or packed in <paramref name="packB"/>), and with a sink its finished rows handed over.
    /// </summary>
    private static void RowBlocks(GemmTileKind tile, int mr, int nr, float* c, int ldc, float* a, int rsA, int csA,
        float* b, int rsB, float* packB, int m, int n, int k, float* bias, float* gate, int ldg,
        EpilogueKind epilogue, IWeightGradientSink? sink)
    {
        bool bInPlace = packB == null;
        int mBlocks = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;
        float* packA = Scratch(ref s_packA, (long)mr * k);
        // A narrow product hands the sink several blocks at once, up to SlabFloats: a sink call (the optimizer's
        // dispatch and loop set-up, ~20 cycles) is a tenth of a block's product when dW has 30 columns at batch 10.
        int blocksPerSlab = sink is null ? 1 : Math.Max(1, SlabFloats / (mr * n));
        float* slab = sink is null ? null : Scratch(ref s_slab, (long)blocksPerSlab * mr * n);
        if (sink is not null) ldc = n;
        int slabFirstRow = 0;
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
            float* cBlock = sink is null ? c + (long)i0 * ldc : slab + (long)(i0 - slabFirstRow) * n;
            for (int jp = 0; jp < nPanels; jp++)
            {
                int j0 = jp * nr, cols = Math.Min(nr, n - j0);
                float* pb = bInPlace ? b + j0 : packB + (long)jp * nr * k;
                int ldb = bInPlace ? rsB : nr;
                float* cTile = cBlock + j0, biasTile = bias + j0, gateTile = gate + (long)i0 * ldg + j0;
                GemmTiles.Multiply(tile, aRows, cTile, ldc, pa, sa, pb, ldb, k, biasTile, gateTile, ldg, epilogue, rows,
                    cols, null);
            }
            if (sink is not null && (ip % blocksPerSlab == blocksPerSlab - 1 || ip == mBlocks - 1))
            {
                sink.Take(slabFirstRow * n, new ReadOnlySpan<float>(slab, (i0 + rows - slabFirstRow) * n));
                slabFirstRow = i0 + rows;
            }
        }
    }

    /// <summary>The product in blocks of k: each block's panel of B is read by every row block while it is in L1,
    /// and each tile's sums continue from the block before (stored in C), so every sum runs over k in one order.
    /// With <paramref name="pack"/> (B in place, misaligned) each block of a panel is first copied to an aligned
    /// buffer.</summary>
    private static void KBlocked(GemmTileKind tile, int mr, int nr, float* c, int ldc, float* a, int lda, float* b,
        int ldb, long panelStride, int m, int n, int k, int kBlock, float* bias, float* gate, int ldg,
        EpilogueKind epilogue, bool pack)
    {
        int mBlocks = (m + mr - 1) / mr, nPanels = (n + nr - 1) / nr;
        float* panel = pack ? Scratch(ref s_packB, (long)kBlock * nr) : null;
        for (int k0 = 0; k0 < k; k0 += kBlock)
        {
            int kLen = Math.Min(kBlock, k - k0);
            bool last = k0 + kLen == k;
            for (int jp = 0; jp < nPanels; jp++)
            {
                int j0 = jp * nr, cols = Math.Min(nr, n - j0);
                float* pb = (panelStride == 1 ? b + j0 : b + jp * panelStride) + (long)k0 * ldb;
                int ldp = ldb;
                if (pack)
                {
                    CopyPanel(panel, nr, pb, ldb, kLen, cols);
                    pb = panel;
                    ldp = nr;
                }
                for (int ip = 0; ip < mBlocks; ip++)
                {
                    int i0 = ip * mr, rows = Math.Min(mr, m - i0);
                    float* cTile = c + (long)i0 * ldc + j0;
                    GemmTiles.Multiply(tile, true, cTile, ldc, a + (long)i0 * lda + k0, lda, pb, ldp, kLen,
                        bias + j0, gate + (long)i0 * ldg + j0, ldg, last ? epilogue : EpilogueKind.Store, rows, cols,
                        k0 == 0 ? null : cTile);
                }
            }
        }
    }

    /// <summary>dst[p, nr] = src[p*ld + j] for j below cols, zero past it: a block of B's panel, 64-byte aligned and
    /// contiguous.</summary>
    private static void CopyPanel(float* dst, int nr, float* src, int ld, int kLen, int cols)
    {
        if (cols == nr)
        {
            for (int p = 0; p < kLen; p++, dst += nr, src += ld)
                for (int j = 0; j < nr; j += 8) Vector256.Store(Vector256.Load(src + j), dst + j);
            return;
        }
        for (int p = 0; p < kLen; p++, dst += nr, src += ld)
            for (int j = 0; j < nr; j++) dst[j] = j < cols ? src[j] : 0f;
    }

    /// <summary>Tiles of the forward product C[m,n] = epilogue(A[m,k] · B[k,n]) (A and B row-major, in place) in
    /// the order <see cref="Multiply"/> computes them, so that two cores can share one product by tiles.</summary>
    public static int ForwardTileCount(int m, int n)
    {
        var (mr, nr) = GemmTiles.Shape(GemmTuner.Resolve(GemmIsaResolver.Resolve()).Tile);
        return (m + mr - 1) / mr * ((n + nr - 1) / nr);
    }

    /// <summary>
    /// Tile <paramref name="tile"/> of C[m,n] = epilogue(init + A[m,k] · B[k,n]), A and B row-major in place.
    /// With <paramref name="init"/> (laid out as C) the sums continue from those stored there, term by term in
    /// the same order as one product over both spans of k: a core that takes the second half of k after another
    /// stored the first half's sums gets every bit of the single product.
    /// </summary>
    public static void ForwardTile(int tile, float* c, int ldc, float* a, int lda, float* b, int ldb, int m, int n,
        int k, float* bias, EpilogueKind epilogue, float* init)
    {
        var kind = GemmTuner.Resolve(GemmIsaResolver.Resolve()).Tile;
        var (mr, nr) = GemmTiles.Shape(kind);
        int nPanels = (n + nr - 1) / nr;
        int i0 = tile / nPanels * mr, j0 = tile % nPanels * nr;
        int rows = Math.Min(mr, m - i0), cols = Math.Min(nr, n - j0);
        float* cTile = c + (long)i0 * ldc + j0, pa = a + (long)i0 * lda, pb = b + j0, biasTile = bias + j0;
        float* initTile = init == null ? null : init + (long)i0 * ldc + j0;
        GemmTiles.Multiply(kind, true, cTile, ldc, pa, lda, pb, ldb, k, biasTile, null, 0, epilogue, rows, cols,
            initTile);
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
        int jj = 0;
        // The input gradient's Wᵀ: packed one float at a time it cost as much as the product itself, so groups
        // of 8 columns are moved as 8×8 blocks transposed in registers; the ragged rest goes one at a time.
        if (rsB == 1 && Avx.IsSupported)
            for (; jj + 8 <= cols; jj += 8)
            {
                float* src = b + (long)(j0 + jj) * csB;
                int p = 0;
                for (; p + 8 <= k; p += 8) Transpose8x8(src + p, csB, dst + (long)p * nr + jj, nr);
                for (; p < k; p++)
                    for (int r = 0; r < 8; r++) dst[p * nr + jj + r] = src[(long)r * csB + p];
            }
        for (; jj < nr; jj++)
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

    /// <summary>dst[i, r] = src[r, i] for an 8×8 block; rows of src are srcStride apart, rows of dst dstStride
    /// apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int srcStride, float* dst, int dstStride)
    {
        var r0 = Avx.LoadVector256(src); var r1 = Avx.LoadVector256(src + srcStride);
        var r2 = Avx.LoadVector256(src + 2L * srcStride); var r3 = Avx.LoadVector256(src + 3L * srcStride);
        var r4 = Avx.LoadVector256(src + 4L * srcStride); var r5 = Avx.LoadVector256(src + 5L * srcStride);
        var r6 = Avx.LoadVector256(src + 6L * srcStride); var r7 = Avx.LoadVector256(src + 7L * srcStride);
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves swapped into place.
        var t0 = Avx.UnpackLow(r0, r1); var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3); var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5); var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7); var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44); var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44); var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44); var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44); var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + dstStride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2L * dstStride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3L * dstStride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4L * dstStride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5L * dstStride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6L * dstStride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7L * dstStride, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>This thread's scratch of at least <paramref name="floats"/> floats, for a product handed over
    /// whole.</summary>
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
