namespace Sweep.Core.Training;

/// <summary>Samples already in memory as floats: for tests, benchmarks and small synthetic problems.</summary>
public sealed class ArraySampleSource : ISampleSource
{
    private readonly float[] _inputs;
    private readonly int[] _labels;

    /// <param name="inputs">inputs[N, features], row-major.</param>
    public ArraySampleSource(float[] inputs, int[] labels, int features, int classes)
    {
        if (inputs.Length != labels.Length * features)
            throw new ArgumentException(
                $"{labels.Length} samples of {features} features need {labels.Length * features} inputs, got " +
                $"{inputs.Length}.");
        if (labels.Any(l => l < 0 || l >= classes))
            throw new ArgumentException($"Labels must lie in 0..{classes - 1}.");
        _inputs = inputs;
        _labels = labels;
        Features = features;
        Classes = classes;
    }

    public int Count => _labels.Length;
    public int Features { get; }
    public int Classes { get; }

    public void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> indices)
    {
        for (int n = 0; n < indices.Length; n++)
        {
            _inputs.AsSpan(indices[n] * Features, Features).CopyTo(inputs.Slice(n * Features, Features));
            labels[n] = _labels[indices[n]];
        }
    }
}
