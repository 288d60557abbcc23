namespace Sweep.Core.Losses;

/// <summary>
/// The quadratic cost of Nielsen's sigmoid networks: C = ½ Σ_c (a_c − y_c)² per sample, y the one-hot label.
/// With the ½ his learning rates (η = 3.0 for 784-30-10) carry over unchanged.
/// </summary>
public static class MeanSquaredError
{
    /// <summary>Returns the summed loss over the batch; if dA is not empty writes dA[B,C] = (a − y) ·
    /// gradScale.</summary>
    public static double Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> dA, int batch,
        int classes, float gradScale)
    {
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            int label = labels[b];
            for (int c = 0; c < classes; c++)
            {
                float diff = outputs[b * classes + c] - (c == label ? 1f : 0f);
                total += 0.5 * diff * diff;
                if (!dA.IsEmpty) dA[b * classes + c] = diff * gradScale;
            }
        }
        return total;
    }
}
