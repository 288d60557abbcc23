using System.Runtime.Intrinsics.X86;
using Sweep.Core.Models;
using Sweep.Core.Training;

namespace Sweep.Data.Splits;

/// <summary>A subset of shared image bytes, converted to normalised floats only when the trainer asks for a
/// batch.</summary>
public sealed class ImageSampleSource : ISampleSource
{
    private readonly int[] _indices;
    private readonly InputNormalisation _normalisation;

    public ImageSampleSource(LabelledImages images, int[] indices, InputNormalisation normalisation)
    {
        Images = images;
        _indices = indices;
        _normalisation = normalisation;
    }

    public LabelledImages Images { get; }

    /// <summary>Which samples of <see cref="Images"/> this source holds, in order.</summary>
    public IReadOnlyList<int> Indices => _indices;

    public int Count => _indices.Length;
    public int Features => Images.Features;
    public int Classes => Images.Classes;

    public void Fill(Span<float> inputs, Span<int> labels, ReadOnlySpan<int> which)
    {
        int f = Images.Features;
        for (int n = 0; n < which.Length; n++)
        {
            int sample = _indices[which[n]];
            _normalisation.Apply(inputs.Slice(n * f, f), Images.Image(sample));
            labels[n] = Images.Labels[sample];
        }
    }

    /// <summary>
    /// Shuffled batches read MNIST's 47 MB at random, and waiting on those reads took 5-10 % of an epoch: each
    /// cache line of the next batch is requested into L2 while the current batch trains.
    /// </summary>
    public unsafe void Prefetch(ReadOnlySpan<int> which)
    {
        if (!Sse.IsSupported) return;
        int f = Images.Features;
        fixed (byte* pixels = Images.Pixels)
            foreach (int index in which)
            {
                byte* image = pixels + (long)_indices[index] * f;
                for (int offset = 0; offset < f; offset += 64) Sse.Prefetch1(image + offset);
                Sse.Prefetch1(image + f - 1); // a row that straddles one more line
            }
    }
}
