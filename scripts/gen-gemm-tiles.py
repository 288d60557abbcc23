#!/usr/bin/env python3
"""Writes src/Sweep.Core/Tensors/GemmTile512x*.cs and GemmTile256x*.cs, the unrolled register tiles of the GEMM the
tuner can pick from, and GemmTiles.cs, which lists them and calls one.

Unrolling by hand is where typos hide; the tiles are generated so that every accumulator, broadcast and store
follows one pattern. Run from anywhere: python3 scripts/gen-gemm-tiles.py
"""
import os

ISA = {
    "Vector512": {"width": 16, "mask_load": "Avx512F.MaskLoad({p}, {m}, Vector512<float>.Zero)",
                  "mask_store": "Avx512F.MaskStore({p}, {m}, {v})"},
    "Vector256": {"width": 8, "mask_load": "Avx.MaskLoad({p}, {m})",
                  "mask_store": "Avx.MaskStore({p}, {m}, {v})"},
}


def tile_body(vec, mr, nv, mode):
    w = ISA[vec]["width"]
    last = nv - 1
    L = []
    if mode == "rows":
        # Rows past the edge read row 0 again: in bounds, and never stored.
        for r in range(mr):
            L.append(f"        float* a{r} = rows > {r} ? a + {r} * (long)lda : a;" if r else "        float* a0 = a;")
    L.append(f"        bool partial = cols < {nv * w};")
    L.append(f"        var mask = {vec}.LessThan({vec}<int>.Indices, {vec}.Create(cols - {last * w})).AsSingle();")
    for r in range(mr):
        L.append("        " + " ".join(f"var c{r}{v} = {vec}<float>.Zero;" for v in range(nv)))
    # A product continued from stored sums (the second half of k on another core) starts from them, so every sum
    # runs over k in one order whichever core does which half.
    L.append("        if (init != null)")
    L.append("        {")
    for r in range(mr):
        guard = f"if (rows > {r}) " if r else ""
        for v in range(nv):
            masked = "partial" if v == last else "false"
            L.append(f"            {guard}c{r}{v} = Load(init + {r} * ldc + {v*w}, mask, {masked});")
    L.append("        }")

    def loop(masked):
        B = []
        B.append("            for (int p = 0; p < k; p++)")
        B.append("            {")
        for v in range(nv):
            if masked and v == last:
                load = ISA[vec]["mask_load"].format(p=f"pb + {v*w}", m="mask")
                B.append(f"                var b{v} = {load};")
            else:
                B.append(f"                var b{v} = {vec}.Load(pb + {v*w});")
        for r in range(mr):
            src = f"pa[{r}]" if mode == "strided" else f"a{r}[p]"
            B.append(f"                var x{r} = {vec}.Create({src});")
            for v in range(nv):
                B.append(f"                c{r}{v} = {vec}.FusedMultiplyAdd(x{r}, b{v}, c{r}{v});")
        if mode == "strided":
            B.append("                pa += sa;")
        B.append("                pb += ldb;")
        B.append("            }")
        return B

    # Two copies of the loop: the ragged last panel reads its last vector of B masked, so B needs no zero-padded
    # copy; the full panels keep plain loads.
    L.append("        if (!partial)")
    L.append("        {")
    L += loop(False)
    L.append("        }")
    L.append("        else")
    L.append("        {")
    L += loop(True)
    L.append("        }")
    for r in range(mr):
        indent = "        "
        if r:
            L.append(f"        if (rows == {r}) return;")
        for v in range(nv):
            masked = "partial" if v == last else "false"
            L.append(f"{indent}Finish(c{r}{v}, c + {r} * ldc + {v*w}, bias + {v*w}, gate + {r} * ldg + {v*w}, epilogue, mask, {masked});")
    return "\n".join(L)


FINISH_CASES = """        switch (epilogue)
        {{
            case EpilogueKind.Bias:
                v += Load(bias, mask, masked);
                break;
            case EpilogueKind.BiasRelu:
                v = {V}.Max(v + Load(bias, mask, masked), {V}<float>.Zero);
                break;
            case EpilogueKind.BiasLeakyRelu:
                v += Load(bias, mask, masked);
                v = {V}.ConditionalSelect({V}.GreaterThan(v, {V}<float>.Zero), v,
                    v * Epilogue.LeakySlope);
                break;
            case EpilogueKind.ReluGate:
                v = {V}.ConditionalSelect(
                    {V}.GreaterThan(Load(gate, mask, masked), {V}<float>.Zero), v, {V}<float>.Zero);
                break;
            case EpilogueKind.LeakyReluGate:
                v = {V}.ConditionalSelect(
                    {V}.GreaterThan(Load(gate, mask, masked), {V}<float>.Zero), v, v * Epilogue.LeakySlope);
                break;
        }}"""


def methods(vec, mr, nv, suffix, strided=True):
    w = ISA[vec]["width"]
    nr = w * nv
    rows_only = f"""
    /// <summary>c[rows, cols] = epilogue(A[rows, k] · pb[k, cols]) with A(r, p) = a[r*lda + p]; rows ≤ {mr},
    /// cols ≤ {nr}.</summary>
    public static void Rows{suffix}(float* c, int ldc, float* a, int lda, float* pb, int ldb, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, int rows, int cols, float* init)
    {{
{tile_body(vec, mr, nv, "rows")}
    }}
"""
    if not strided:
        return rows_only
    return f"""
    /// <summary>c[rows, cols] = epilogue(A[rows, k] · pb[k, cols]) with A(r, p) = pa[p*sa + r]; {mr} rows are
    /// read, cols ≤ {nr}.</summary>
    public static void Strided{suffix}(float* c, int ldc, float* pa, int sa, float* pb, int ldb, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, int rows, int cols, float* init)
    {{
{tile_body(vec, mr, nv, "strided")}
    }}

    /// <summary>c[rows, cols] = epilogue(A[rows, k] · pb[k, cols]) with A(r, p) = a[r*lda + p]; cols ≤ {nr}.</summary>
    public static void Rows{suffix}(float* c, int ldc, float* a, int lda, float* pb, int ldb, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, int rows, int cols, float* init)
    {{
{tile_body(vec, mr, nv, "rows")}
    }}
"""


def tile_file(name, vec, mr, nv):
    w = ISA[vec]["width"]
    nr = w * nv
    mask_load = ISA[vec]["mask_load"].format(p="p", m="mask")
    mask_store = ISA[vec]["mask_store"].format(p="c", m="mask", v="v")
    return f"""using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Core.Tensors;

/// <summary>
/// The {mr}×{nr} register tile of the GEMM on {vec}: per step of k, {mr} broadcasts of A times {nv} vectors of B,
/// accumulated in {mr*nv} registers; its {mr}×{w} half for panels of at most {w} columns (a 10-class output layer);
/// for a row-major A, {mr // 2}-row variants of both for a last block of at most {mr // 2} rows; and a 2-row full tile
/// for a last block of 1 or 2 rows (batch 10 on Vector512: 8 + 2), whose {2 * nv} chains of FMAs still fill the
/// pipes where the {mr // 2}-row tile would compute twice what is stored.
/// B is read as rows ldb apart, so a row-major weight matrix needs no packing, and the ragged last panel
/// is read and written through a lane mask rather than copied. A is read either strided (A(r,p) = pa[p*sa + r]:
/// a packed panel, or a transposed operand in place) or as {mr} row pointers (A(r,p) = a[r*lda + p]: a row-major
/// operand in place). Rows past <c>rows</c> are computed but never stored.
/// Generated by scripts/gen-gemm-tiles; edit the generator, not this file.
/// </summary>
internal static unsafe class {name}
{{
    public const int MR = {mr};
    public const int NR = {nr};

    /// <summary>
    /// One tile of C: A in rows or strided. A panel of at most {w} columns takes the half tile and a block of at
    /// most {mr // 2} rows the short one, rather than computing twice what is stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(bool aRows, float* c, int ldc, float* pa, int sa, float* pb, int ldb, int k,
        float* bias, float* gate, int ldg, EpilogueKind epilogue, int rows, int cols, float* init)
    {{
        bool half = cols <= {w};
        if (aRows && rows <= 2 && !half)
            RowsPair(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
        else if (aRows && rows <= {mr // 2})
        {{
            if (half) RowsShortHalf(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
            else RowsShort(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
        }}
        else if (aRows)
        {{
            if (half) RowsHalf(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
            else Rows(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
        }}
        else if (half) StridedHalf(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
        else Strided(c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, cols, init);
    }}
{methods(vec, mr, nv, "")}{methods(vec, mr, 1, "Half")}{methods(vec, mr // 2, nv, "Short", strided=False)}{methods(vec, mr // 2, 1, "ShortHalf", strided=False)}{methods(vec, 2, nv, "Pair", strided=False)}
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static {vec}<float> Load(float* p, {vec}<float> mask, bool masked) =>
        masked ? {mask_load} : {vec}.Load(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish({vec}<float> v, float* c, float* bias, float* gate, EpilogueKind epilogue,
        {vec}<float> mask, bool masked)
    {{
{FINISH_CASES.format(V=vec)}
        if (masked) {mask_store};
        else v.Store(c);
    }}
}}
"""


# Every register tile the tuner can pick (GemmTuner), per instruction set, the default first. Each sums every output
# over k in one order, so they differ in speed only: the tile that fills a CPU's FMA pipes with the fewest loads
# depends on its registers, ports and caches (Zen's 8x32 on Vector512 reached 97 % of peak; Intel's model 207 72 %).
# Two vectors of B a row at most: the masked last vector is the only one a ragged panel may read short.
TILES = [
    ("Vector512", 8, 2), ("Vector512", 12, 2), ("Vector512", 14, 2),
    ("Vector256", 6, 2), ("Vector256", 4, 2), ("Vector256", 5, 2),
]


def class_name(vec, mr):
    return f"GemmTile{ISA[vec]['width'] * 32}x{mr}"


def kinds_file():
    members = []
    shapes = []
    calls = []
    for vec, mr, nv in TILES:
        w = ISA[vec]["width"]
        kind = f"V{w * 32}Rows{mr}"
        name = class_name(vec, mr)
        members.append(f"    /// <summary>{mr}×{w * nv} on {vec} ({name}).</summary>\n    {kind},")
        shapes.append(f"        GemmTileKind.{kind} => ({name}.MR, {name}.NR),")
        calls.append(f"            case GemmTileKind.{kind}:\n"
                     f"                {name}.Multiply(aRows, c, ldc, pa, sa, pb, ldb, k, bias, gate, ldg, epilogue, rows, "
                     f"cols, init);\n                break;")
    isas = []
    for vec in ISA:
        kinds = ", ".join(f"GemmTileKind.V{ISA[v]['width'] * 32}Rows{mr}" for v, mr, nv in TILES if v == vec)
        isas.append(f"        GemmIsa.{vec} => [{kinds}],")
    nl = "\n"
    return f"""using System.Runtime.CompilerServices;

namespace Sweep.Core.Tensors;

/// <summary>A register tile of the GEMM: its instruction set and its rows × columns. Generated by
/// scripts/gen-gemm-tiles; edit the generator, not this file.</summary>
public enum GemmTileKind
{{
{nl.join(members)}
}}

/// <summary>The tiles the tuner can pick for each instruction set (its default first), their shapes, and the call
/// to one. Generated by scripts/gen-gemm-tiles.</summary>
internal static unsafe class GemmTiles
{{
    public static GemmTileKind[] For(GemmIsa isa) => isa switch
    {{
{nl.join(isas)}
        _ => [],
    }};

    public static (int Mr, int Nr) Shape(GemmTileKind kind) => kind switch
    {{
{nl.join(shapes)}
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    }};

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(GemmTileKind kind, bool aRows, float* c, int ldc, float* pa, int sa, float* pb,
        int ldb, int k, float* bias, float* gate, int ldg, EpilogueKind epilogue, int rows, int cols, float* init)
    {{
        switch (kind)
        {{
{nl.join(calls)}
        }}
    }}
}}
"""


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Sweep.Core", "Tensors")
    for vec, mr, nv in TILES:
        name = class_name(vec, mr)
        with open(os.path.join(out, name + ".cs"), "w") as f:
            f.write(tile_file(name, vec, mr, nv))
    with open(os.path.join(out, "GemmTiles.cs"), "w") as f:
        f.write(kinds_file())
