using System.Numerics;
using System.Numerics.Tensors;
using Sweep.Core.Tensors;

namespace Sweep.Core.Layers;

/// <summary>
/// Element-wise activations and their derivatives. Every derivative is written in terms of the activation's
/// output y, never its input z, so a layer keeps one buffer per batch instead of two.
/// NOTE: for relu and leaky_relu, y &gt; 0 exactly when z &gt; 0, which is what makes that possible.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>
    /// The GEMM epilogue that applies bias and this activation in registers, if the kernel can. Softmax gets only
    /// the bias: the loss needs the logits.
    /// </summary>
    public static EpilogueKind ForwardEpilogue(Activation activation) => activation switch
    {
        Activation.Relu => EpilogueKind.BiasRelu,
        Activation.LeakyRelu => EpilogueKind.BiasLeakyRelu,
        _ => EpilogueKind.Bias,
    };

    /// <summary>The GEMM epilogue that multiplies an input gradient by this activation's derivative, if it
    /// can.</summary>
    public static EpilogueKind BackwardEpilogue(Activation activation) => activation switch
    {
        Activation.Relu => EpilogueKind.ReluGate,
        Activation.LeakyRelu => EpilogueKind.LeakyReluGate,
        _ => EpilogueKind.Store,
    };

    /// <summary>y = f(y) in place, for the activations the forward epilogue did not already apply.</summary>
    public static void ApplyRemaining(Activation activation, Span<float> y)
    {
        switch (activation)
        {
            case Activation.Sigmoid: TensorPrimitives.Sigmoid(y, y); break;
            case Activation.Tanh: TensorPrimitives.Tanh(y, y); break;
        }
    }

    /// <summary>dZ = dY ⊙ f'(y) in place, from the activation's output y.</summary>
    public static void MultiplyDerivative(Activation activation, Span<float> dZ, ReadOnlySpan<float> y)
    {
        switch (activation)
        {
            case Activation.Sigmoid: SigmoidDerivative(dZ, y); break;
            case Activation.Tanh: TanhDerivative(dZ, y); break;
            case Activation.Relu:
                for (int i = 0; i < dZ.Length; i++) if (!(y[i] > 0f)) dZ[i] = 0f;
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < dZ.Length; i++) if (!(y[i] > 0f)) dZ[i] *= Epilogue.LeakySlope;
                break;
            case Activation.Softmax:
                throw new InvalidOperationException(
                    "Softmax's derivative is fused with cross-entropy; it has no element-wise form.");
        }
    }

    /// <summary>dZ ⊙= y(1 − y), σ' in terms of its output.</summary>
    private static void SigmoidDerivative(Span<float> dZ, ReadOnlySpan<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= dZ.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(y[i..]);
                (new Vector<float>(dZ[i..]) * v * (Vector<float>.One - v)).CopyTo(dZ[i..]);
            }
        for (; i < dZ.Length; i++) dZ[i] *= y[i] * (1f - y[i]);
    }

    /// <summary>dZ ⊙= 1 − y², tanh' in terms of its output.</summary>
    private static void TanhDerivative(Span<float> dZ, ReadOnlySpan<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= dZ.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(y[i..]);
                (new Vector<float>(dZ[i..]) * (Vector<float>.One - v * v)).CopyTo(dZ[i..]);
            }
        for (; i < dZ.Length; i++) dZ[i] *= 1f - y[i] * y[i];
    }

    /// <summary>f(z) for one value: the scalar definition tests hold the fused paths to.</summary>
    public static double Scalar(Activation activation, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : z * Epilogue.LeakySlope,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        _ => throw new ArgumentException($"{activation} is not element-wise."),
    };
}
