using System.Diagnostics;
using System.Numerics.Tensors;
using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Metrics;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Randomness;

namespace Sweep.Core.Training;

/// <summary>
/// Trains one network on one thread (and a lent second one, see <see cref="Assist"/>): mini-batches drawn from a
/// fresh shuffle each epoch, forward, fused loss, backward, optimizer step. Every buffer is sized once here, so a
/// training batch allocates nothing.
/// Shapes: B batch (≤ capacity), I/O a layer's inputs/outputs, C classes.
/// </summary>
public sealed class Trainer
{
    /// <summary>Evaluation runs in batches of at least this many samples, whatever the training batch size.</summary>
    internal const int EvaluationBatch = 256;

    private readonly int _capacity;
    private readonly float[] _x;          // x[B, I₀]
    private float[] _input;               // the batch's x: _x, or the first layer's other buffer (LentFirstLayer)
    private readonly int[] _labels;       // labels[B]
    private readonly int[] _predicted;    // predicted[B]
    private readonly float[][] _y;        // y[l][B, O_l]: layer outputs after activation, before dropout
    private readonly float[][] _kept;     // kept[l][B, O_l]: y ⊙ mask, what the next layer sees (hidden, dropout on)
    private readonly float[][] _mask;     // mask[l][B, O_l]: 0 or 1/(1−p)
    private readonly float[][] _dZ;       // dZ[l][B, O_l]: d loss / d layer l's pre-activation
    private readonly float[][] _dW;       // dW[l][I_l, O_l]
    private readonly float[][] _dB;       // dB[l][O_l]
    private readonly SliceUpdate[] _weightUpdates; // per layer: the optimizer step, fed by the weight-gradient GEMM
    private readonly Dropout? _dropoutLayer;
    private int[] _order = [];
    private RandomSource _shuffle;
    private RandomSource _dropout;
    private readonly DivergenceGuard _divergence;
    private readonly IFirstLayerProduct _first; // the first layer's products: one core, or shared with a lent one

    public Trainer(Network network, TrainingOptions options, ulong seed)
    {
        if (options.BatchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), "Batch size must be positive.");
        if (options.Dropout is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Dropout must lie in [0, 1).");
        CheckLossFitsOutput(options.Loss, network.OutputActivation);
        Network = network;
        Options = options;
        _capacity = Math.Max(options.BatchSize, EvaluationBatch);
        var layers = network.Layers;
        int count = layers.Count;
        _x = new float[checked(_capacity * network.InputSize)];
        _input = _x;
        _labels = new int[_capacity];
        _predicted = new int[_capacity];
        _y = new float[count][]; _kept = new float[count][]; _mask = new float[count][];
        _dZ = new float[count][]; _dW = new float[count][]; _dB = new float[count][];
        var parameters = new List<Parameter>();
        for (int l = 0; l < count; l++)
        {
            int o = layers[l].Outputs;
            _y[l] = new float[checked(_capacity * o)];
            _dZ[l] = new float[checked(_capacity * o)];
            bool dropsHere = options.Dropout > 0 && l < count - 1;
            _kept[l] = dropsHere ? new float[checked(_capacity * o)] : _y[l];
            _mask[l] = dropsHere ? new float[checked(_capacity * o)] : [];
            _dW[l] = new float[layers[l].Weights.Length];
            _dB[l] = new float[o];
            parameters.Add(new Parameter(layers[l].Weights, _dW[l], Decays: true));
            parameters.Add(new Parameter(layers[l].Bias, _dB[l], Decays: false));
        }
        Optimizer = Optimizer.Create(options.Optimizer, parameters);
        _weightUpdates = Enumerable.Range(0, count).Select(l => new SliceUpdate(Optimizer, WeightIndex(l))).ToArray();
        _shuffle = RandomSource.Derive(seed, "shuffle");
        _dropout = RandomSource.Derive(seed, "dropout");
        _dropoutLayer = options.Dropout > 0 ? new Dropout(options.Dropout) : null;
        _divergence = new DivergenceGuard(options);
        _first = options.ClipNorm is null && LentCore.Worth(layers[0].Inputs, layers[0].Outputs, options.BatchSize)
            && Tensors.GemmIsaResolver.Resolve() != Tensors.GemmIsa.Scalar
            ? new LentFirstLayer(layers[0], new LentCore(layers[0], Optimizer, WeightIndex(0), _capacity), _y[0],
                _dZ[0])
            : new OneCoreFirstLayer(layers[0]);
    }

    /// <summary>
    /// Called by a thread with no trial of its own: it helps this trial's first layer (<see cref="LentCore"/>) from
    /// when the trainer takes it to the end of the epoch at the latest, and returns how long it worked. Returns zero
    /// at once when the trial has nothing to share, has ended, or another thread is already offered.
    /// </summary>
    /// <param name="withdraw">Polled while the thread waits to be taken: true withdraws the offer.</param>
    public TimeSpan Assist(Func<bool>? withdraw = null) => _first.Assist(withdraw);

    /// <summary>Whether this trial's first layer is large enough to share with a lent core.</summary>
    public bool CanUseLentCore => _first.CanShare;

    /// <summary>The trial is over (or paused): a thread waiting in <see cref="Assist"/> returns, and none is taken
    /// any more.</summary>
    public void Close() => _first.Close();

    public Network Network { get; }
    public TrainingOptions Options { get; }
    public Optimizer Optimizer { get; }

    /// <summary>Epochs finished so far; the next <see cref="TrainEpoch"/> trains epoch number EpochsCompleted
    /// (0-based).</summary>
    public int EpochsCompleted { get; private set; }

    /// <summary>One pass over <paramref name="data"/> in a fresh random order.</summary>
    public EpochStats TrainEpoch(ISampleSource data)
    {
        CheckSource(data);
        long start = Stopwatch.GetTimestamp();
        int epoch = EpochsCompleted;
        float rate = Options.Schedule.RateAt(epoch);
        if (_order.Length != data.Count) _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _shuffle.Shuffle(_order);

        double lossSum = 0;
        long correct = 0;
        int seen = 0;
        string? divergence = null;
        long lentBefore = LentBatches;
        int batches = 0;
        _first.BeginEpoch();
        try
        {
            for (int first = 0, batch = 0; first < data.Count; first += Options.BatchSize, batch++)
            {
                int n = Math.Min(Options.BatchSize, data.Count - first);
                int next = first + n;
                if (next < data.Count)
                    data.Prefetch(_order.AsSpan(next, Math.Min(Options.BatchSize, data.Count - next)));
                _input = _first.BeginBatch(batch, _x);
                double loss = TrainBatch(data, _order.AsSpan(first, n), rate, out int batchCorrect);
                batches++;
                seen += n;
                lossSum += loss;
                correct += batchCorrect;
                if (_divergence.Check(loss / n, epoch) is { } why) { divergence = why; break; }
            }
        }
        finally
        {
            // Also when a batch throws: a lent core left waiting for a command would never return to its worker.
            _first.EndEpoch();
        }
        EpochsCompleted++;
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return new EpochStats(epoch, seen == 0 ? 0 : lossSum / seen, seen == 0 ? 0 : (double)correct / seen, rate,
            seconds, seen, divergence) { LentShare = batches == 0 ? 0 : (LentBatches - lentBefore) / (double)batches };
    }

    /// <summary>Batches trained so far with a lent core (see <see cref="Assist"/>).</summary>
    public long LentBatches => _first.SharedBatches;

    /// <summary>Whether a lent core must prove itself each epoch (<see cref="LendingGuard"/>); off in tests that need
    /// it to work whatever the machine's timing.</summary>
    internal bool GuardsLending
    {
        get => _first is LentFirstLayer { Guards: true };
        set { if (_first is LentFirstLayer lent) lent.Guards = value; }
    }

    /// <summary>Loss, accuracy and confusion matrix without dropout and without touching the weights.</summary>
    public Evaluation Evaluate(ISampleSource data)
    {
        CheckSource(data);
        var confusion = new ConfusionMatrix(Network.OutputSize);
        var predictions = new int[data.Count];
        Span<int> indices = new int[_capacity];
        double lossSum = 0;
        for (int first = 0; first < data.Count; first += _capacity)
        {
            int n = Math.Min(_capacity, data.Count - first);
            for (int i = 0; i < n; i++) indices[i] = first + i;
            _input = _x;
            data.Fill(_x.AsSpan(0, n * Network.InputSize), _labels.AsSpan(0, n), indices[..n]);
            Forward(n, training: false);
            lossSum += Loss(n, computeGradient: false);
            for (int i = 0; i < n; i++)
            {
                confusion.Add(_labels[i], _predicted[i]);
                predictions[first + i] = _predicted[i];
            }
        }
        return new Evaluation(data.Count == 0 ? 0 : lossSum / data.Count, confusion.Accuracy, confusion, predictions);
    }

    /// <summary>Returns the batch's summed loss; correct counts the batch's right predictions before the
    /// update. The batch's x goes to _input.</summary>
    private double TrainBatch(ISampleSource data, ReadOnlySpan<int> indices, float rate, out int correct)
    {
        int n = indices.Length;
        data.Fill(_input.AsSpan(0, n * Network.InputSize), _labels.AsSpan(0, n), indices);
        Forward(n, training: true);
        double loss = Loss(n, computeGradient: true);
        correct = 0;
        for (int i = 0; i < n; i++) if (_predicted[i] == _labels[i]) correct++;
        if (!double.IsFinite(loss)) return loss;
        if (Options.ClipNorm is float clip)
        {
            // Clipping needs the norm of the whole gradient before any weight moves.
            Backward(n, rate, updateAsComputed: false);
            GradientClipping.ClipByGlobalNorm(Optimizer.Parameters, clip);
            Optimizer.Step(rate);
        }
        else
        {
            Optimizer.StartStep();
            Backward(n, rate, updateAsComputed: true);
        }
        return loss;
    }

    /// <summary>Every layer's forward pass, and dropout after the hidden layers when training.</summary>
    private void Forward(int n, bool training)
    {
        var layers = Network.Layers;
        ReadOnlySpan<float> input = _input.AsSpan(0, n * Network.InputSize);
        for (int l = 0; l < layers.Count; l++)
        {
            var y = _y[l].AsSpan(0, n * layers[l].Outputs);
            if (l == 0 && training) _first.Forward(y, input, n);
            else layers[l].Forward(y, input, n);
            input = y;
            if (training && _dropoutLayer is not null && !ReferenceEquals(_kept[l], _y[l]))
            {
                var kept = _kept[l].AsSpan(0, y.Length);
                _dropoutLayer.Forward(kept, _mask[l].AsSpan(0, y.Length), y, _dropout);
                input = kept;
            }
        }
    }

    /// <summary>Summed loss of the batch in _y[last]; fills _predicted and, when training, dZ of the output
    /// layer.</summary>
    private double Loss(int n, bool computeGradient)
    {
        var layer = Network.Layers[^1];
        int classes = layer.Outputs;
        var output = _y[^1].AsSpan(0, n * classes);
        var dZ = computeGradient ? _dZ[^1].AsSpan(0, n * classes) : Span<float>.Empty;
        float scale = 1f / n; // gradients are batch means
        double loss;
        if (Options.Loss == LossKind.CrossEntropy)
        {
            loss = SoftmaxCrossEntropy.Forward(output, _labels.AsSpan(0, n), dZ, n, classes, scale);
        }
        else
        {
            loss = MeanSquaredError.Forward(output, _labels.AsSpan(0, n), dZ, n, classes, scale);
            if (computeGradient) ActivationFunctions.MultiplyDerivative(layer.Activation, dZ, output);
        }
        for (int b = 0; b < n; b++) _predicted[b] = TensorPrimitives.IndexOfMax(output.Slice(b * classes, classes));
        return loss;
    }

    /// <summary>
    /// Gradients of every layer, last to first. With <paramref name="updateAsComputed"/>, each layer's weights
    /// and bias take the optimizer's step (already started) as soon as their gradient is known, so the gradient
    /// is never stored whole; that is why the gradient owed to the layer below is computed first, from the
    /// weights as they were.
    /// </summary>
    private void Backward(int n, float rate, bool updateAsComputed)
    {
        var layers = Network.Layers;
        for (int l = layers.Count - 1; l >= 0; l--)
        {
            var layer = layers[l];
            var dZ = _dZ[l].AsSpan(0, n * layer.Outputs);
            layer.BiasGradient(_dB[l], dZ, n);
            if (l > 0)
            {
                // dZ of the layer below: through this layer's weights, the below's activation and its dropout.
                var dBelow = _dZ[l - 1].AsSpan(0, n * layer.Inputs);
                layer.BackwardInput(dBelow, dZ, _y[l - 1].AsSpan(0, n * layer.Inputs), layers[l - 1].Activation, n);
                if (!ReferenceEquals(_kept[l - 1], _y[l - 1]))
                    Dropout.Backward(dBelow, _mask[l - 1].AsSpan(0, dBelow.Length));
            }

            ReadOnlySpan<float> input = l == 0 ? _input.AsSpan(0, n * layer.Inputs) : _kept[l - 1].AsSpan(0,
                n * layer.Inputs);
            if (!updateAsComputed)
            {
                layer.WeightGradient(_dW[l], input, dZ, n);
                continue;
            }
            _weightUpdates[l].LearningRate = rate;
            if (l == 0) _first.WeightGradient(_weightUpdates[l], input, dZ, n, rate);
            else layer.WeightGradient(_weightUpdates[l], input, dZ, n);
            Optimizer.Apply(WeightIndex(l) + 1, 0, _dB[l], rate);
        }
    }

    /// <summary>Parameters are listed weights then bias, layer by layer.</summary>
    private static int WeightIndex(int layer) => 2 * layer;

    private void CheckSource(ISampleSource data)
    {
        if (data.Features != Network.InputSize)
            throw new ArgumentException(
                $"The data has {data.Features} features per sample but the network takes {Network.InputSize}.");
        if (data.Classes > Network.OutputSize)
            throw new ArgumentException(
                $"The data has {data.Classes} classes but the network has {Network.OutputSize} outputs.");
    }

    private static void CheckLossFitsOutput(LossKind loss, Activation output)
    {
        if (loss == LossKind.CrossEntropy && output != Activation.Softmax)
            throw new ArgumentException(
                $"Cross-entropy is fused with a softmax output; this network ends in {output.Name()}.");
        if (loss == LossKind.MeanSquaredError && output == Activation.Softmax)
            throw new ArgumentException(
                "The quadratic cost takes an element-wise output (sigmoid, identity, ...), not softmax.");
    }

    /// <summary>What a checkpoint needs beyond the weights to continue bit-identically.</summary>
    public TrainerState SaveState() => new(EpochsCompleted, Optimizer.Steps,
        Optimizer.State.Select(s => (float[])s.Clone()).ToArray(),
        _shuffle.SaveState(), _dropout.SaveState(), _divergence.FirstBatchLoss);

    public void RestoreState(TrainerState state)
    {
        var buffers = Optimizer.State;
        if (state.OptimizerState.Count != buffers.Count
            || state.OptimizerState.Zip(buffers).Any(p => p.First.Length != p.Second.Length))
            throw new ArgumentException("The checkpoint's optimizer state does not fit this optimizer and network.");
        for (int i = 0; i < buffers.Count; i++) state.OptimizerState[i].CopyTo(buffers[i], 0);
        Optimizer.Steps = state.OptimizerSteps;
        EpochsCompleted = state.EpochsCompleted;
        _shuffle = RandomSource.FromState(state.ShuffleRandom);
        _dropout = RandomSource.FromState(state.DropoutRandom);
        _divergence.FirstBatchLoss = state.FirstBatchLoss;
    }
}
