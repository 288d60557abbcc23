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

    /// <summary>inputs[n, Features] and labels[n] for the samples at <paramref name="indices"/> (n =
    /// indices.Length).</summary>
    void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> indices);

    /// <summary>
    /// These samples are the next batch. A source whose samples sit in memory too large for the cache starts
    /// fetching them now, so that the next <see cref="Fill"/> does not wait on main memory.
    /// </summary>
    void Prefetch(ReadOnlySpan<int> indices) { }
}
