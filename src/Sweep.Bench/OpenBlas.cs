using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Bench;

/// <summary>
/// OpenBLAS's sgemm called in this process (Debian's libopenblas0-pthread), so that the bench can time it in turns
/// with Sweep's product on the same operands: on a machine whose neighbours come and go, figures taken minutes apart
/// differed by 2× (docs/performance.md), a ratio of figures taken in alternate rounds holds. scripts/bench starts the
/// bench with OPENBLAS_CORETYPE set to the CPU's best kernel when OpenBLAS would fall back to a generic one.
/// </summary>
internal static unsafe partial class OpenBlas
{
    private const string Library = "libopenblas.so.0";

    /// <summary>OpenBLAS's kernels older than AVX2: its fallbacks for a CPU it does not know (0.3.21 takes Intel's
    /// model 207 for a Prescott). Against one of these on a CPU with AVX2 no ratio is printed.</summary>
    private static readonly string[] Generic =
    [
        "Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom",
        "Sandybridge",
    ];

    /// <summary>Whether the library loads here; if not, <paramref name="why"/> says so.</summary>
    public static bool TryLoad(out string why)
    {
        if (!NativeLibrary.TryLoad(Library, typeof(OpenBlas).Assembly, null, out _))
        {
            why = $"not available here ({Library} does not load: Debian's libopenblas0-pthread is not installed)";
            return false;
        }
        openblas_set_num_threads(1); // one core, as Sweep's product
        why = "";
        return true;
    }

    /// <summary>The kernel OpenBLAS runs, e.g. "Zen", "SkylakeX", "Prescott".</summary>
    public static string Kernel => Marshal.PtrToStringUTF8((nint)openblas_get_corename()) ?? "unknown";

    /// <summary>Whether <see cref="Kernel"/> is a generic fallback on a CPU that has better.</summary>
    public static bool Handicapped => Avx2.IsSupported && Generic.Contains(Kernel, StringComparer.OrdinalIgnoreCase);

    /// <summary>C[m,n] = A[m,k] · B[k,n], all row-major and contiguous.</summary>
    public static void Multiply(float* c, float* a, float* b, int m, int n, int k) =>
        cblas_sgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1f, a, k, b, n, 0f, c, n);

    private const int RowMajor = 101, NoTrans = 111;

    [LibraryImport(Library)]
    private static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(Library)]
    private static partial byte* openblas_get_corename();

    [LibraryImport(Library)]
    private static partial void openblas_set_num_threads(int threads);
}
