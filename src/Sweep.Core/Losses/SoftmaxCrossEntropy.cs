namespace Sweep.Core.Losses;

/// <summary>
/// Softmax and cross-entropy as one step: the gradient of −log softmax(z)[label] with respect to z is
/// softmax(z) − onehot(label), which is exact and cheap; splitting them would divide by tiny probabilities.
/// NOTE: logits are shifted by their row maximum before exp, so ±1e4 logits stay finite.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Turns logits[B,C] into probabilities in place and returns the summed loss over the batch. If dZ is not
    /// empty, writes dZ[B,C] = (p − onehot) · gradScale (gradScale = 1/B for the batch mean).
    /// </summary>
    public static double Forward(Span<float> logits, ReadOnlySpan<int> labels, Span<float> dZ, int batch, int classes,
        float gradScale)
    {
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            var row = logits.Slice(b * classes, classes);
            int label = labels[b];
            float labelLogit = row[label];
            // −log p[label] = logsumexp(z) − z[label], finite however confident and wrong the network is.
            total += Softmax(row) - labelLogit;
            if (!dZ.IsEmpty)
            {
                var d = dZ.Slice(b * classes, classes);
                for (int c = 0; c < classes; c++) d[c] = (row[c] - (c == label ? 1f : 0f)) * gradScale;
            }
        }
        return total;
    }

    /// <summary>Softmax of one row in place; returns logsumexp of the logits it was given.</summary>
    public static double Softmax(Span<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float z in row) max = MathF.Max(max, z);
        double sum = 0;
        for (int c = 0; c < row.Length; c++)
        {
            float e = MathF.Exp(row[c] - max);
            row[c] = e;
            sum += e;
        }
        float inv = (float)(1.0 / sum);
        for (int c = 0; c < row.Length; c++) row[c] *= inv;
        return max + Math.Log(sum);
    }
}
