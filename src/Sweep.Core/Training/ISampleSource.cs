namespace Sweep.Core.Training;

/// <summary>
/// Labelled samples the trainer can draw batches from. The core never sees files: a data set shares its bytes
/// and converts just the requested samples into the trainer's own float buffer.
/// </summary>
public interface ISampleSource
{
    int Count { get; }
    int Features { get; }
    int Classes { get; }

    /// <summary>inputs[n, Features] and labels[n] for the samples at <paramref name="indices"/> (n = indices.Length).</summary>
    void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> indices);
}
