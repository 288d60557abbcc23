namespace Sweep.Harness.Tests;

/// <summary>Runs where $SWEEP_DATA holds the full MNIST (CI); skipped on a fresh clone.</summary>
public sealed class RealMnistFactAttribute : FactAttribute
{
    public RealMnistFactAttribute()
    {
        if (Folder is null && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "needs the real MNIST: set SWEEP_DATA to a folder with mnist/ (CI uses ../shared/datasets)";
    }

    /// <summary>The data folder, or the failure that says CI lacks it: a CI without the data fails, never goes
    /// green.</summary>
    public static string Required => Folder
        ?? throw new InvalidOperationException(
            "CI must set SWEEP_DATA to a folder with the real MNIST (.ci/run uses ../shared/datasets).");

    public static string? Folder =>
        Environment.GetEnvironmentVariable("SWEEP_DATA") is { Length: > 0 } dir
        && File.Exists(Path.Combine(dir, "mnist", "t10k-images-idx3-ubyte.gz")) ? dir : null;
}
