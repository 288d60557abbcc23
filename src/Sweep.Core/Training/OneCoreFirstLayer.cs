using Sweep.Core.Layers;
using Sweep.Core.Optimizers;

namespace Sweep.Core.Training;

/// <summary>The first layer's products on the trainer's own core: the reference the lent path is tested
/// against.</summary>
internal sealed class OneCoreFirstLayer(DenseLayer layer) : IFirstLayerProduct
{
    public bool CanShare => false;
    public long SharedBatches => 0;
    public void BeginEpoch() { }
    public float[] BeginBatch(int batch, float[] x) => x;
    public void Forward(Span<float> y, ReadOnlySpan<float> x, int batch) => layer.Forward(y, x, batch);

    public void WeightGradient(SliceUpdate update, ReadOnlySpan<float> x, ReadOnlySpan<float> dZ, int batch,
        float rate) => layer.WeightGradient(update, x, dZ, batch);

    public void EndEpoch() { }
    public TimeSpan Assist(Func<bool>? withdraw) => TimeSpan.Zero;
    public void Close() { }
}
