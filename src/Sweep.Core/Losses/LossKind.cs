namespace Sweep.Core.Losses;

public enum LossKind
{
    /// <summary>Softmax cross-entropy, fused with the softmax output.</summary>
    CrossEntropy,
    /// <summary>Quadratic cost ½‖a − y‖² per sample (Nielsen's), for sigmoid or linear outputs.</summary>
    MeanSquaredError,
}

public static class LossNames
{
    private static readonly Dictionary<string, LossKind> ByName = new(StringComparer.Ordinal)
    {
        ["cross_entropy"] = LossKind.CrossEntropy, ["mse"] = LossKind.MeanSquaredError,
            ["quadratic"] = LossKind.MeanSquaredError,
    };

    public static IReadOnlyCollection<string> Known => ByName.Keys;
    public static bool TryParse(string name, out LossKind loss) => ByName.TryGetValue(name, out loss);
}
