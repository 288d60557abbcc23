using System.Runtime.InteropServices;
using Sweep.Core.Layers;
using Sweep.Core.Optimizers;
using Sweep.Core.Tensors;

namespace Sweep.Core.Training;

/// <summary>
/// A second core lent to a trial's first layer, the layer that holds most of a network's weights and work. The
/// layer's input rows are split in two at <see cref="Split"/>: the trial's own core owns rows [0, Split) of the
/// weights and of the optimizer's state, the lent core rows [Split, I). Each core reads and writes only its own rows,
/// so the weights the optimizer rewrites every batch never cross between the cores' caches (they did in the three
/// designs before this one, which split by columns; see the README). What crosses is small: the forward product's
/// partial sums, the layer's output and its gradient, a batch's pixels.
/// <para>Every number is bit-identical to one core. The forward product is shared tile by tile: the owner sums the
/// first Split terms of a tile and stores them, and the lent core continues the same sums over the rest of k (the
/// tiles take stored sums as their start), so each sum runs in one order. The weight gradient's rows are whole
/// products over the batch on either core, and every optimizer is element-wise.</para>
/// The owner calls <see cref="Forward"/> and <see cref="WeightGradient"/> from its batch; the lent core runs
/// <see cref="Serve"/> until <see cref="Release"/>.
/// </summary>
internal sealed unsafe class LentCore
{
    private enum Command { None, Forward, Gradient, Release }

    private const int Free = 0, Offered = 1, Taken = 2, Closed = 3;

    // Written by the owner, read by the lent core; then written by the lent core, read by the owner. Each counter on
    // its own cache line, so a core polling one does not steal the line the other is writing.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct Signals
    {
        [FieldOffset(0)] public long Issued;      // owner: the id of the latest command
        [FieldOffset(64)] public long TilesReady; // owner: forward tiles whose first half is stored
        [FieldOffset(128)] public long Done;      // lent core: the id of the last command it finished
        [FieldOffset(192)] public int State;      // both: Free, Offered, Taken or Closed, changed by compare-and-swap
    }

    private readonly DenseLayer _layer;
    private readonly SliceUpdate _ownRows, _lentRows;
    private readonly int _capacity;
    private float[]? _partial; // the owner's half of the forward sums, laid out as the layer's output (pinned)
    private Signals _signals;
    private Command _command;
    private float* _x, _y, _dZ;
    private int _batch;
    private Exception? _failure; // what the lent core threw, rethrown on the owner's thread

    public LentCore(DenseLayer layer, Optimizer optimizer, int weightIndex, int capacity)
    {
        _layer = layer;
        Split = SplitOf(layer.Inputs);
        _ownRows = new SliceUpdate(optimizer, weightIndex);
        _lentRows = new SliceUpdate(optimizer, weightIndex) { Shift = Split * layer.Outputs };
        _capacity = capacity;
    }

    /// <summary>The first input row the lent core owns: half the rows, on a 64-byte boundary of the weights (a whole
    /// number of 16-float rows of them for any width).</summary>
    public int Split { get; }

    /// <summary>Whether a first layer is worth sharing: each half of k must fill a tile's loop, and a batch's product
    /// must be long against the handing over of each batch. The sigmoid net's 784×30 layer at batch 10 (235,000
    /// products a batch) gains nothing; 784-64-10 at batch 32 (1.6 million) gains (docs/performance.md).</summary>
    public static bool Worth(int inputs, int outputs, int batch) =>
        inputs >= 256 && (long)inputs * outputs * batch >= 1 << 20;

    private static int SplitOf(int inputs) => inputs / 32 * 16;

    /// <summary>Whether a core waits in <see cref="Serve"/> to be taken.</summary>
    public bool IsOffered => Volatile.Read(ref _signals.State) == Offered;

    /// <summary>The owner, at a batch: takes a core that waits in <see cref="Serve"/>, if there is one.</summary>
    public bool TryTake() => Volatile.Read(ref _signals.State) == Offered
        && Interlocked.CompareExchange(ref _signals.State, Taken, Offered) == Offered;

    /// <summary>The owner, when its trial ends or pauses: a core waiting to be taken is sent back, and none is
    /// taken any more.</summary>
    public void Close()
    {
        if (Interlocked.CompareExchange(ref _signals.State, Closed, Free) == Free) return;
        if (Interlocked.CompareExchange(ref _signals.State, Closed, Offered) == Offered)
            WaitFor(Issue(Command.Release));
    }

    /// <summary>Runs on the lent core: offers itself, and once taken serves the owner's commands until it is
    /// released. Returns how long it was taken: zero when the owner closed or <paramref name="withdraw"/> said so
    /// before taking it, or at once when the owner has closed or another core is offered.</summary>
    public TimeSpan Serve(Func<bool>? withdraw)
    {
        long seen = Volatile.Read(ref _signals.Issued);
        if (Interlocked.CompareExchange(ref _signals.State, Offered, Free) != Free) return TimeSpan.Zero;
        // Until taken (the owner times a window alone first), wait without spinning: a spinning core can slow the
        // owner's on a machine whose cores share a physical core.
        while (Volatile.Read(ref _signals.State) == Offered && Volatile.Read(ref _signals.Issued) == seen)
        {
            if (withdraw?.Invoke() == true
                && Interlocked.CompareExchange(ref _signals.State, Free, Offered) == Offered) return TimeSpan.Zero;
            Thread.Sleep(1);
        }
        long taken = System.Diagnostics.Stopwatch.GetTimestamp();
        bool worked = false;
        while (true)
        {
            long id;
            // Taken, it polls without PAUSE: on this project's VMs the hypervisor deschedules a core that pauses in
            // a loop, and a command is microseconds away.
            while ((id = Volatile.Read(ref _signals.Issued)) == seen) { }
            seen = id;
            var command = _command;
            worked |= command != Command.Release;
            try
            {
                if (command == Command.Forward) ForwardLentHalf();
                else if (command == Command.Gradient) WeightGradientLentRows();
            }
            catch (Exception e) { _failure = e; }
            Volatile.Write(ref _signals.Done, id);
            if (command == Command.Release)
                return worked ? System.Diagnostics.Stopwatch.GetElapsedTime(taken) : TimeSpan.Zero;
        }
    }

    /// <summary>y[B,O] = f(x[B,I]·W + b) of the first layer, the product shared with the lent core.</summary>
    public void Forward(float* y, float* x, int batch)
    {
        WaitIdle();
        _partial ??= GC.AllocateArray<float>(checked(_capacity * _layer.Outputs), pinned: true);
        _x = x; _y = y; _batch = batch;
        Volatile.Write(ref _signals.TilesReady, 0);
        long id = Issue(Command.Forward);
        int tiles = GemmDriver.ForwardTileCount(batch, _layer.Outputs);
        try
        {
            fixed (float* partial = _partial, w = _layer.Weights)
                for (int t = 0; t < tiles; t++)
                {
                    GemmDriver.ForwardTile(t, partial, _layer.Outputs, x, _layer.Inputs, w, _layer.Outputs, batch,
                        _layer.Outputs, Split, null, EpilogueKind.Store, null);
                    Volatile.Write(ref _signals.TilesReady, t + 1);
                }
        }
        finally
        {
            // Should this core fail mid-product, the lent core must not wait for tiles that will never come.
            Volatile.Write(ref _signals.TilesReady, long.MaxValue);
        }
        WaitFor(id);
        ActivationFunctions.ApplyRemaining(_layer.Activation, new Span<float>(y, batch * _layer.Outputs));
    }

    /// <summary>dW = xᵀ·dZ handed to the optimizer's step (already started) row by row, the lent core taking its
    /// rows at once. Returns before the lent core has finished: the owner waits only before its next command.</summary>
    public void WeightGradient(float* x, float* dZ, int batch, float rate)
    {
        WaitIdle();
        _x = x; _dZ = dZ; _batch = batch;
        _ownRows.LearningRate = rate;
        _lentRows.LearningRate = rate;
        Issue(Command.Gradient);
        GemmDriver.Multiply(null, _layer.Outputs, x, 1, _layer.Inputs, dZ, _layer.Outputs, 1, Split, _layer.Outputs,
            batch, null, null, 0, EpilogueKind.Store, _ownRows);
    }

    /// <summary>Lets the lent core go, once it has finished what it was given.</summary>
    public void Release()
    {
        WaitIdle();
        WaitFor(Issue(Command.Release));
        Volatile.Write(ref _signals.State, Free);
    }

    /// <summary>Waits until the lent core has finished its last command (it may still be reading a batch the owner
    /// is about to overwrite).</summary>
    public void WaitIdle() => WaitFor(Volatile.Read(ref _signals.Issued));

    private void ForwardLentHalf()
    {
        int tiles = GemmDriver.ForwardTileCount(_batch, _layer.Outputs), inputs = _layer.Inputs;
        var epilogue = ActivationFunctions.ForwardEpilogue(_layer.Activation);
        fixed (float* partial = _partial, w = _layer.Weights, bias = _layer.Bias)
            for (int t = 0; t < tiles; t++)
            {
                while (Volatile.Read(ref _signals.TilesReady) <= t) { }
                GemmDriver.ForwardTile(t, _y, _layer.Outputs, _x + Split, inputs, w + (long)Split * _layer.Outputs,
                    _layer.Outputs, _batch, _layer.Outputs, inputs - Split, bias, epilogue, partial);
            }
    }

    private void WeightGradientLentRows() =>
        GemmDriver.Multiply(null, _layer.Outputs, _x + Split, 1, _layer.Inputs, _dZ, _layer.Outputs, 1,
            _layer.Inputs - Split, _layer.Outputs, _batch, null, null, 0, EpilogueKind.Store, _lentRows);

    private long Issue(Command command)
    {
        _command = command;
        long id = _signals.Issued + 1;
        Volatile.Write(ref _signals.Issued, id);
        return id;
    }

    private void WaitFor(long id)
    {
        while (Volatile.Read(ref _signals.Done) < id) { }
        if (_failure is { } failure)
        {
            _failure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}
