namespace Sweep.Core.Layers;

/// <summary>The nonlinearity after a dense layer. <see cref="Softmax"/> only ends a network, fused with
/// cross-entropy.</summary>
public enum Activation
{
    Identity,
    Relu,
    LeakyRelu,
    Sigmoid,
    Tanh,
    Softmax,
}

public static class ActivationNames
{
    private static readonly Dictionary<string, Activation> ByName = new(StringComparer.Ordinal)
    {
        ["identity"] = Activation.Identity, ["linear"] = Activation.Identity, ["relu"] = Activation.Relu,
        ["leaky_relu"] = Activation.LeakyRelu, ["sigmoid"] = Activation.Sigmoid, ["tanh"] = Activation.Tanh,
        ["softmax"] = Activation.Softmax,
    };

    public static IReadOnlyCollection<string> Known => ByName.Keys;

    public static bool TryParse(string name, out Activation activation) => ByName.TryGetValue(name, out activation);

    public static string Name(this Activation activation) => activation switch
    {
        Activation.Identity => "identity", Activation.Relu => "relu", Activation.LeakyRelu => "leaky_relu",
        Activation.Sigmoid => "sigmoid", Activation.Tanh => "tanh", Activation.Softmax => "softmax",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
