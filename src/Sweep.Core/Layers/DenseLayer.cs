using System.Numerics.Tensors;
using Sweep.Core.Tensors;

namespace Sweep.Core.Layers;

/// <summary>
/// y[B,O] = f(x[B,I] · W[I,O] + b[O]): the layer's parameters and its math, forward and backward. Weights are stored
/// input-major (W[i,o] at i*O + o) so that the forward product reads them as contiguous rows. The per-batch buffers
/// belong to whoever calls (the trainer, inference), so a training batch allocates nothing. In every method the
/// outputs come first; B is the batch, I and O the layer's inputs and outputs.
/// </summary>
public sealed class DenseLayer
{
    public DenseLayer(int inputs, int outputs, Activation activation)
    {
        if (inputs <= 0 || outputs <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs),
                $"A dense layer needs positive sizes, got {inputs}→{outputs}.");
        Inputs = inputs;
        Outputs = outputs;
        Activation = activation;
        // Checked: a product past int.MaxValue must fail here, not wrap into a small buffer that a kernel overruns.
        Weights = new float[checked(inputs * outputs)];
        Bias = new float[outputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public Activation Activation { get; }

    /// <summary>W[I,O], row-major.</summary>
    public float[] Weights { get; }

    /// <summary>b[O].</summary>
    public float[] Bias { get; }

    /// <summary>y[B,O] = f(x[B,I]·W + b), the activation fused into the product where the kernel can (a softmax
    /// output is left as logits: the loss fuses it).</summary>
    public void Forward(Span<float> y, ReadOnlySpan<float> x, int batch)
    {
        Gemm.Forward(y, x, Weights, Bias, batch, Inputs, Outputs, ActivationFunctions.ForwardEpilogue(Activation));
        ActivationFunctions.ApplyRemaining(Activation, y);
    }

    /// <summary>
    /// dX[B,I] = (dZ[B,O]·Wᵀ) ⊙ g'(x): the gradient owed to the layer below, taken through this layer's weights and
    /// the derivative of the activation <paramref name="belowActivation"/> that made x (from its outputs x itself;
    /// fused into the product where the kernel can). dZ is the gradient at this layer's pre-activation.
    /// </summary>
    public void BackwardInput(Span<float> dX, ReadOnlySpan<float> dZ, ReadOnlySpan<float> x, Activation belowActivation,
        int batch)
    {
        var epilogue = ActivationFunctions.BackwardEpilogue(belowActivation);
        Gemm.InputGradient(dX, dZ, Weights, x, batch, Inputs, Outputs, epilogue);
        if (epilogue == EpilogueKind.Store) ActivationFunctions.MultiplyDerivative(belowActivation, dX, x);
    }

    /// <summary>dW[I,O] = xᵀ·dZ: the weights' gradient, summed over the batch.</summary>
    public void WeightGradient(Span<float> dW, ReadOnlySpan<float> x, ReadOnlySpan<float> dZ, int batch) =>
        Gemm.WeightGradient(dW, x, dZ, batch, Inputs, Outputs);

    /// <summary>The weights' gradient handed slice by slice to <paramref name="sink"/> (an optimizer step) as the
    /// product makes it, so that it is never stored whole.</summary>
    public void WeightGradient(IWeightGradientSink sink, ReadOnlySpan<float> x, ReadOnlySpan<float> dZ, int batch) =>
        Gemm.WeightGradient(sink, x, dZ, batch, Inputs, Outputs);

    /// <summary>dB[O] = Σ over the batch of dZ[B,O].</summary>
    public void BiasGradient(Span<float> dB, ReadOnlySpan<float> dZ, int batch)
    {
        dB.Clear();
        for (int b = 0; b < batch; b++) TensorPrimitives.Add(dB, dZ.Slice(b * Outputs, Outputs), dB);
    }
}
