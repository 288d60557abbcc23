using System.Diagnostics;
using System.Runtime.InteropServices;
using Sweep.Core.Layers;
using Sweep.Core.Optimizers;

namespace Sweep.Core.Training;

/// <summary>
/// The first layer's products shared with a lent core (<see cref="LentCore"/>) while another worker offers one and
/// the <see cref="LendingGuard"/> finds it pays; on the trainer's core alone otherwise. The lent core reads the
/// batch's x, y and dZ through pointers, so they are pinned while it works, and x alternates between two buffers: it
/// may still read the last batch's x for its rows of the weight gradient while the next batch is filled.
/// </summary>
/// <param name="y">The trainer's y[0] and <paramref name="dZ"/> its dZ[0]: the buffers the lent core shares.</param>
internal sealed class LentFirstLayer(DenseLayer layer, LentCore lent, float[] y, float[] dZ) : IFirstLayerProduct
{
    private readonly LendingGuard _guard = new();
    private float[]? _xOther;
    private float[]? _lastX;
    private bool _taken;
    private GCHandle[] _pins = [];

    public bool CanShare => true;
    public long SharedBatches { get; private set; }

    /// <summary>Whether a lent core must prove itself each epoch; off in tests that need it to work whatever the
    /// machine's timing.</summary>
    public bool Guards { get; set; } = true;

    public void BeginEpoch() => _guard.Begin();

    public float[] BeginBatch(int batch, float[] x)
    {
        long now = Stopwatch.GetTimestamp();
        _guard.Tick(batch, now);
        if (_taken)
        {
            if (Guards && !_guard.Keep(batch, now)) EndEpoch();
        }
        else if (lent.IsOffered && (!Guards || _guard.Take(batch)) && lent.TryTake())
        {
            _taken = true;
            // Pinned only while it works: allocated pinned, a first layer's epoch ran slower (docs/performance.md).
            _xOther ??= new float[x.Length];
            _pins = [.. new[] { x, _xOther, y, dZ }.Select(a => GCHandle.Alloc(a, GCHandleType.Pinned))];
        }
        if (!_taken) return _lastX = x;
        SharedBatches++;
        return _lastX = ReferenceEquals(_lastX, x) ? _xOther! : x;
    }

    public unsafe void Forward(Span<float> y, ReadOnlySpan<float> x, int batch)
    {
        if (!_taken) { layer.Forward(y, x, batch); return; }
        fixed (float* py = y, px = x) lent.Forward(py, px, batch);
    }

    public unsafe void WeightGradient(SliceUpdate update, ReadOnlySpan<float> x, ReadOnlySpan<float> dZ, int batch,
        float rate)
    {
        if (!_taken) { layer.WeightGradient(update, x, dZ, batch); return; }
        fixed (float* px = x, pdZ = dZ) lent.WeightGradient(px, pdZ, batch, rate);
    }

    public void EndEpoch()
    {
        if (!_taken) return;
        _taken = false;
        lent.Release();
        foreach (var pin in _pins) pin.Free();
        _pins = [];
    }

    public TimeSpan Assist(Func<bool>? withdraw) => lent.Serve(withdraw);
    public void Close() => lent.Close();
}
