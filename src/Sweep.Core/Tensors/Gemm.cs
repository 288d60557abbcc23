namespace Sweep.Core.Tensors;

/// <summary>
/// The three products of a dense layer on the fast packed SIMD kernel. Shapes: B batch, I inputs, O outputs;
/// every matrix is row-major and contiguous. <see cref="GemmReference"/> is the plain twin with the same contract.
/// </summary>
public static unsafe class Gemm
{
    /// <summary>y[B,O] = epilogue(x[B,I] · w[I,O] + bias[O]). Epilogue: Store, Bias, BiasRelu or
    /// BiasLeakyRelu.</summary>
    public static void Forward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        GemmShapes.CheckForward(y, x, w, bias, batch, inputs, outputs, epilogue);
        if (GemmIsaResolver.Resolve() == GemmIsa.Scalar)
        {
            GemmReference.Forward(y, x, w, bias, batch, inputs, outputs, epilogue);
            return;
        }
        fixed (float* py = y, px = x, pw = w, pbias = bias)
            GemmDriver.Multiply(py, outputs, px, inputs, 1, pw, outputs, 1, batch, outputs, inputs, pbias, null, 0,
                epilogue);
    }

    /// <summary>dW[I,O] = x[B,I]ᵀ · dY[B,O].</summary>
    public static void WeightGradient(Span<float> dW, ReadOnlySpan<float> x, ReadOnlySpan<float> dY, int batch,
        int inputs, int outputs)
    {
        GemmShapes.CheckWeightGradient(dW, x, dY, batch, inputs, outputs);
        if (GemmIsaResolver.Resolve() == GemmIsa.Scalar)
        {
            GemmReference.WeightGradient(dW, x, dY, batch, inputs, outputs);
            return;
        }
        fixed (float* pdW = dW, px = x, pdY = dY)
            GemmDriver.Multiply(pdW, outputs, px, 1, inputs, pdY, outputs, 1, inputs, outputs, batch, null, null, 0,
                EpilogueKind.Store);
    }

    /// <summary>dW[I,O] = x[B,I]ᵀ · dY[B,O], handed to <paramref name="sink"/> in slabs of whole rows, in
    /// order.</summary>
    public static void WeightGradient(IWeightGradientSink sink, ReadOnlySpan<float> x, ReadOnlySpan<float> dY,
        int batch, int inputs, int outputs)
    {
        GemmShapes.CheckWeightGradient(x, dY, batch, inputs, outputs);
        if (inputs == 0 || outputs == 0) return;
        if (GemmIsaResolver.Resolve() == GemmIsa.Scalar)
        {
            var whole = GemmDriver.Slab(inputs * outputs);
            GemmReference.WeightGradient(whole, x, dY, batch, inputs, outputs);
            sink.Take(0, whole);
            return;
        }
        fixed (float* px = x, pdY = dY)
            GemmDriver.Multiply(null, outputs, px, 1, inputs, pdY, outputs, 1, inputs, outputs, batch, null, null, 0,
                EpilogueKind.Store, sink);
    }

    /// <summary>
    /// dX[B,I] = gate(dY[B,O] · w[I,O]ᵀ). With ReluGate or LeakyReluGate, <paramref name="gate"/>[B,I] is the
    /// previous layer's output, so the product comes out already multiplied by that layer's activation derivative.
    /// </summary>
    public static void InputGradient(Span<float> dX, ReadOnlySpan<float> dY, ReadOnlySpan<float> w,
        ReadOnlySpan<float> gate,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        GemmShapes.CheckInputGradient(dX, dY, w, gate, batch, inputs, outputs, epilogue);
        if (GemmIsaResolver.Resolve() == GemmIsa.Scalar)
        {
            GemmReference.InputGradient(dX, dY, w, gate, batch, inputs, outputs, epilogue);
            return;
        }
        fixed (float* pdX = dX, pdY = dY, pw = w, pg = gate)
            GemmDriver.Multiply(pdX, inputs, pdY, outputs, 1, pw, 1, outputs, batch, inputs, outputs, null, pg, inputs,
                epilogue);
    }
}
