namespace Sweep.Harness.Tests;

/// <summary>Runs where $SWEEP_DATA holds the full MNIST (CI); skipped on a fresh clone.</summary>
public sealed class RealMnistFactAttribute : FactAttribute
{
    public RealMnistFactAttribute()
    {
        if (Folder is null) Skip = "needs the real MNIST: set SWEEP_DATA to a folder with mnist/ (CI uses ../shared/datasets)";
    }

    public static string? Folder =>
        Environment.GetEnvironmentVariable("SWEEP_DATA") is { Length: > 0 } dir && File.Exists(Path.Combine(dir, "mnist", "t10k-images-idx3-ubyte.gz")) ? dir : null;
}
