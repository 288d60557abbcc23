namespace Sweep.Core.Layers;

/// <summary>
/// y[B,O] = f(x[B,I] · W[I,O] + b[O]). Weights are stored input-major (W[i,o] at i*O + o) so that the forward
/// product reads them as contiguous rows; the parameters live here, the per-batch buffers in the trainer.
/// </summary>
public sealed class DenseLayer
{
    public DenseLayer(int inputs, int outputs, Activation activation)
    {
        if (inputs <= 0 || outputs <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputs), $"A dense layer needs positive sizes, got {inputs}→{outputs}.");
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
}
