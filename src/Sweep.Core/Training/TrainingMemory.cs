using Sweep.Core.Optimizers;

namespace Sweep.Core.Training;

/// <summary>
/// What training one network takes in memory, from its shape alone, before anything is allocated: the weights, their
/// gradients and the optimizer's state, the checkpoint's copy of weights and state, plus the trainer's per-batch
/// buffers. Kept next to <see cref="Trainer"/>, whose
/// buffers it counts: change one, change the other.
/// </summary>
public static class TrainingMemory
{
    /// <summary>Bytes a <see cref="Trainer"/> holds for this network; checked arithmetic, so a hostile shape is an
    /// <see cref="OverflowException"/>, never a wrapped small number.</summary>
    public static long Estimate(IReadOnlyList<int> sizes, int batchSize, bool dropout, OptimizerKind optimizer)
    {
        checked
        {
            long parameters = Parameters(sizes), activations = 0;
            // y and dZ for every layer; kept and mask where dropout applies (hidden layers).
            for (int l = 0; l + 1 < sizes.Count; l++)
                activations += (long)sizes[l + 1] * (dropout && l + 2 < sizes.Count ? 4 : 2);
            long capacity = Math.Max(batchSize, Trainer.EvaluationBatch);
            long perParameter = 2 + StateBuffers(optimizer); // value and gradient, then the optimizer's own
            return sizeof(float) * (parameters * perParameter + capacity * (sizes[0] + activations) + 3 * capacity)
                + CheckpointBytes(sizes, optimizer);
        }
    }

    /// <summary>The checkpoint's copy, made while one is written after each epoch: every parameter and its optimizer
    /// state, serialised whole before its checksum is known.</summary>
    public static long CheckpointBytes(IReadOnlyList<int> sizes, OptimizerKind optimizer)
    {
        checked { return sizeof(float) * Parameters(sizes) * (1 + StateBuffers(optimizer)); }
    }

    /// <summary>Weights and biases of every layer, checked.</summary>
    private static long Parameters(IReadOnlyList<int> sizes)
    {
        checked
        {
            long parameters = 0;
            for (int l = 0; l + 1 < sizes.Count; l++) parameters += (long)sizes[l] * sizes[l + 1] + sizes[l + 1];
            return parameters;
        }
    }

    /// <summary>Float buffers per parameter that each optimizer keeps (Adam: first and second moments).</summary>
    public static int StateBuffers(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => 0,
        OptimizerKind.Momentum or OptimizerKind.RmsProp or OptimizerKind.Adagrad => 1,
        _ => 2,
    };
}
