namespace Sweep.Core.Tensors;

/// <summary>Argument checks shared by <see cref="Gemm"/> and its twin, so both reject the same misuse the same
/// way.</summary>
internal static class GemmShapes
{
    public static void CheckForward(Span<float> y, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        ReadOnlySpan<float> bias,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        CheckDims(batch, inputs, outputs);
        Need(y.Length, (long)batch * outputs, "y[B,O]");
        Need(x.Length, (long)batch * inputs, "x[B,I]");
        Need(w.Length, (long)inputs * outputs, "w[I,O]");
        if (epilogue is EpilogueKind.ReluGate or EpilogueKind.LeakyReluGate)
            throw new ArgumentException($"Forward takes a bias epilogue, not {epilogue}.", nameof(epilogue));
        if (epilogue != EpilogueKind.Store) Need(bias.Length, outputs, "bias[O]");
    }

    public static void CheckWeightGradient(Span<float> dW, ReadOnlySpan<float> x, ReadOnlySpan<float> dY, int batch,
        int inputs, int outputs)
    {
        CheckWeightGradient(x, dY, batch, inputs, outputs);
        Need(dW.Length, (long)inputs * outputs, "dW[I,O]");
    }

    public static void CheckWeightGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> dY, int batch, int inputs,
        int outputs)
    {
        CheckDims(batch, inputs, outputs);
        Need(x.Length, (long)batch * inputs, "x[B,I]");
        Need(dY.Length, (long)batch * outputs, "dY[B,O]");
        if ((long)inputs * outputs > Array.MaxLength)
            throw new ArgumentException($"dW[{inputs},{outputs}] has more elements than an array can hold.");
    }

    public static void CheckInputGradient(Span<float> dX, ReadOnlySpan<float> dY, ReadOnlySpan<float> w,
        ReadOnlySpan<float> gate,
        int batch, int inputs, int outputs, EpilogueKind epilogue)
    {
        CheckDims(batch, inputs, outputs);
        Need(dX.Length, (long)batch * inputs, "dX[B,I]");
        Need(dY.Length, (long)batch * outputs, "dY[B,O]");
        Need(w.Length, (long)inputs * outputs, "w[I,O]");
        if (epilogue is EpilogueKind.ReluGate or EpilogueKind.LeakyReluGate)
            Need(gate.Length, (long)batch * inputs, "gate[B,I]");
        else if (epilogue != EpilogueKind.Store)
            throw new ArgumentException($"InputGradient takes Store or a gate epilogue, not {epilogue}.",
                nameof(epilogue));
    }

    private static void CheckDims(int batch, int inputs, int outputs)
    {
        if (batch < 0 || inputs < 0 || outputs < 0)
            throw new ArgumentOutOfRangeException(nameof(batch),
                $"Dimensions must be non-negative (B={batch}, I={inputs}, O={outputs}).");
    }

    /// <summary>Products are taken in 64 bits: a product that wrapped in 32 would pass this check with a short buffer
    /// and let the kernel write past it.</summary>
    private static void Need(int have, long need, string name)
    {
        if (have < need) throw new ArgumentException($"{name} needs {need} elements but has {have}.");
    }
}
