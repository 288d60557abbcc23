namespace Sweep.Core.Tensors;

/// <summary>
/// The plain twin of <see cref="Gemm"/>: the same three products as textbook loops with a double accumulator.
/// It is what tests trust, and the fallback on a CPU without SIMD.
/// </summary>
public static unsafe class GemmReference
{
    public static void Forward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> bias,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        GemmShapes.CheckForward(y, x, w, bias, batch, inputs, outputs, epilogue);
        fixed (float* pbias = bias)
            for (int b = 0; b < batch; b++)
                for (int o = 0; o < outputs; o++)
                {
                    double sum = 0;
                    for (int i = 0; i < inputs; i++) sum += (double)x[b * inputs + i] * w[i * outputs + o];
                    y[b * outputs + o] = Finish((float)sum, epilogue, pbias, null, 0, b, o);
                }
    }

    public static void WeightGradient(Span<float> dW, ReadOnlySpan<float> x, ReadOnlySpan<float> dY, int batch,
        int inputs, int outputs)
    {
        GemmShapes.CheckWeightGradient(dW, x, dY, batch, inputs, outputs);
        for (int i = 0; i < inputs; i++)
            for (int o = 0; o < outputs; o++)
            {
                double sum = 0;
                for (int b = 0; b < batch; b++) sum += (double)x[b * inputs + i] * dY[b * outputs + o];
                dW[i * outputs + o] = (float)sum;
            }
    }

    public static void InputGradient(Span<float> dX, ReadOnlySpan<float> dY, ReadOnlySpan<float> w,
        ReadOnlySpan<float> gate,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        GemmShapes.CheckInputGradient(dX, dY, w, gate, batch, inputs, outputs, epilogue);
        fixed (float* pg = gate)
            for (int b = 0; b < batch; b++)
                for (int i = 0; i < inputs; i++)
                {
                    double sum = 0;
                    for (int o = 0; o < outputs; o++) sum += (double)dY[b * outputs + o] * w[i * outputs + o];
                    dX[b * inputs + i] = Finish((float)sum, epilogue, null, pg, inputs, b, i);
                }
    }

    /// <summary>What the fast kernel's epilogue does, one element at a time.</summary>
    private static float Finish(float v, EpilogueKind epilogue, float* bias, float* gate, int ldg, int i, int j) =>
        epilogue switch
    {
        EpilogueKind.Bias => v + bias[j],
        EpilogueKind.BiasRelu => MathF.Max(v + bias[j], 0f),
        EpilogueKind.BiasLeakyRelu => v + bias[j] > 0f ? v + bias[j] : (v + bias[j]) * Epilogue.LeakySlope,
        EpilogueKind.ReluGate => gate[(long)i * ldg + j] > 0f ? v : 0f,
        EpilogueKind.LeakyReluGate => gate[(long)i * ldg + j] > 0f ? v : v * Epilogue.LeakySlope,
        _ => v,
    };
}
