namespace Sweep.Core.Tensors;

/// <summary>
/// What a GEMM does to each output element as it leaves the registers. Fusing these saves a full
/// extra pass over C, which at MLP sizes costs about as much as the arithmetic.
/// </summary>
public enum EpilogueKind
{
    /// <summary>C = A·B.</summary>
    Store,
    /// <summary>C = relu(A·B + bias).</summary>
    BiasRelu,
    /// <summary>C = leaky_relu(A·B + bias) with slope <see cref="Epilogue.LeakySlope"/>.</summary>
    BiasLeakyRelu,
    /// <summary>C = A·B + bias.</summary>
    Bias,
    /// <summary>C = (A·B) ⊙ [gate &gt; 0]: the ReLU derivative, read from the layer's output.</summary>
    ReluGate,
    /// <summary>C = (A·B) ⊙ (gate &gt; 0 ? 1 : slope): the leaky ReLU derivative.</summary>
    LeakyReluGate,
}

public static class Epilogue
{
    /// <summary>Negative-side slope of leaky ReLU, fixed as in most tutorials.</summary>
    public const float LeakySlope = 0.01f;
}
