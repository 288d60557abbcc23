using System.Numerics.Tensors;

namespace Sweep.Core.Optimizers;

public static class GradientClipping
{
    /// <summary>Scales all gradients together so their global L2 norm is at most maxNorm; returns the norm
    /// before.</summary>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, float maxNorm)
    {
        // Index loops, not foreach: an interface enumerator is a heap object per call, once per batch.
        double sumSq = 0;
        for (int i = 0; i < parameters.Count; i++)
            sumSq += TensorPrimitives.SumOfSquares<float>(parameters[i].Gradient);
        double norm = Math.Sqrt(sumSq);
        if (norm > maxNorm && norm > 0)
        {
            float scale = (float)(maxNorm / norm);
            for (int i = 0; i < parameters.Count; i++)
                TensorPrimitives.Multiply(parameters[i].Gradient, scale, parameters[i].Gradient);
        }
        return norm;
    }
}
