using Sweep.Core.Layers;
using Sweep.Core.Models;

namespace Sweep.Core.Serialization;

/// <summary>
/// A trained network as one file (format documented in docs/model-format.md): magic, version, input
/// normalisation, each layer's sizes, activation, weights and bias as raw little-endian float32, then a SHA-256
/// of all that. Raw floats make save → load bit-exact; the hash makes a truncated or damaged file an error.
/// </summary>
public static class ModelFile
{
    public static ReadOnlySpan<byte> Magic => "SWEEPNN\0"u8;
    /// <summary>2 adds the metadata after the last layer; version 1 files (no metadata) still read.</summary>
    public const uint Version = 2;
    /// <summary>Metadata bounds, checked before anything is allocated.</summary>
    public const int MaxMetadataEntries = 64, MaxMetadataKeyBytes = 256, MaxMetadataValueBytes = 1 << 20;
    /// <summary>What the format holds: a sweep's own limits (Sweep.Harness's Limits) stay inside these.</summary>
    public const int MaxLayers = 1024, MaxWidth = 1 << 20;
    /// <summary>Weights of one layer (256 MiB of float32): checked before anything is allocated.</summary>
    public const long MaxLayerWeights = 1L << 26;
    /// <summary>A model file's size limit: the largest layer count times the largest layer is far past any real
    /// file, so this bounds what is read before the checksum is known.</summary>
    public const long MaxFileBytes = 1L << 30;
    private const string Remedy = ModelFormatException.Recreate;

    public static Network Load(string path) => LoadWithMetadata(path).Network;

    /// <summary>The network and what its file says about it (e.g. its data set, how its images were prepared, its
    /// class names: keys the harness chooses); a version 1 file has no metadata.</summary>
    public static ModelFileContents LoadWithMetadata(string path) =>
        ReadWithMetadata(HashedFile.ReadAll(path, MaxFileBytes, "a model file (model.swnn)"), path);

    public static void Write(Network network, Stream stream, IReadOnlyDictionary<string, string>? metadata = null) =>
        HashedFile.Write(stream, w =>
        {
            WriteBody(network, w);
            var entries = metadata ?? new Dictionary<string, string>();
            if (entries.Count > MaxMetadataEntries)
                throw new ArgumentException($"At most {MaxMetadataEntries} metadata entries.", nameof(metadata));
            w.Write((uint)entries.Count);
            foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                WriteText(w, key, MaxMetadataKeyBytes);
                WriteText(w, value, MaxMetadataValueBytes);
            }
        });

    private static void WriteText(BinaryWriter w, string text, int maxBytes)
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        if (bytes.Length > maxBytes)
            throw new ArgumentException($"A metadata text is at most {maxBytes} bytes.", nameof(text));
        w.Write((uint)bytes.Length);
        w.Write(bytes);
    }

    internal static void WriteBody(Network network, BinaryWriter w)
    {
        w.Write(Magic);
        w.Write(Version);
        w.Write((uint)network.Layers.Count);
        w.Write((uint)network.InputSize);
        var input = network.Input;
        w.Write(input.Scale);
        w.Write((byte)(input.Standardises ? 1 : 0));
        if (input.Standardises)
        {
            w.WriteFloats(input.Mean);
            w.WriteFloats(input.Std);
        }
        foreach (var layer in network.Layers)
        {
            w.Write((uint)layer.Inputs);
            w.Write((uint)layer.Outputs);
            w.Write((byte)layer.Activation);
            w.WriteFloats(layer.Weights);
            w.WriteFloats(layer.Bias);
        }
    }

    /// <param name="path">Only for messages: which file the bytes came from.</param>
    public static Network Read(ReadOnlySpan<byte> data, string path) => ReadWithMetadata(data, path).Network;

    /// <param name="path">Only for messages: which file the bytes came from.</param>
    public static ModelFileContents ReadWithMetadata(ReadOnlySpan<byte> data, string path)
    {
        var body = HashedFile.Verify(data, Magic, path,
            ("is not a Sweep model file (wrong magic bytes).", "Pass the model.swnn of a finished trial."), Remedy);
        var cursor = new BinaryCursor(body, path);
        var network = ReadBody(ref cursor, path, out uint version);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (version >= 2)
        {
            int count = cursor.Count("the metadata count", MaxMetadataEntries);
            for (int i = 0; i < count; i++)
            {
                string key = ReadText(ref cursor, "a metadata key", MaxMetadataKeyBytes, path);
                if (!metadata.TryAdd(key, ReadText(ref cursor, "a metadata value", MaxMetadataValueBytes, path)))
                    throw ModelFormatException.Damaged(path, $"names the metadata key '{key}' twice.");
            }
        }
        if (cursor.Position != body.Length)
            throw ModelFormatException.Damaged(path,
                $"has {body.Length - cursor.Position} unexpected bytes after the last layer.");
        CheckFinite(network, path);
        return new ModelFileContents(network, metadata);
    }

    private static string ReadText(ref BinaryCursor cursor, string what, int maxBytes, string path)
    {
        var bytes = cursor.Bytes(cursor.Count(what + "'s length", maxBytes));
        try { return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (System.Text.DecoderFallbackException)
        {
            throw ModelFormatException.Damaged(path, $"{what} is not UTF-8 text.");
        }
    }

    /// <summary>A model to predict with or export has only finite numbers: NaN or infinity in a weight (a diverged
    /// network saved by hand, a file built to mislead) would classify every image the same, silently.</summary>
    private static void CheckFinite(Network network, string path)
    {
        float[][] input = network.Input is { Mean: { } mean, Std: { } std } ? [mean, std] : [];
        if (input.Any(v => !TensorFinite(v)))
            throw ModelFormatException.Damaged(path, "has NaN or infinite values in its input normalisation.");
        for (int l = 0; l < network.Layers.Count; l++)
            if (!TensorFinite(network.Layers[l].Weights) || !TensorFinite(network.Layers[l].Bias))
                throw ModelFormatException.Damaged(path,
                    $"layer {l} has NaN or infinite weights: it is not a trained network Sweep can use.",
                    "Use the model.swnn of a completed trial (a diverged trial saves none).");
    }

    private static bool TensorFinite(float[] values)
    {
        foreach (float v in values) if (!float.IsFinite(v)) return false;
        return true;
    }

    internal static Network ReadBody(ref BinaryCursor c, string path) => ReadBody(ref c, path, out _);

    private static Network ReadBody(ref BinaryCursor c, string path, out uint version)
    {
        c.Bytes(Magic.Length);
        version = c.UInt32();
        if (version is not (1 or Version))
            throw ModelFormatException.UnknownVersion(path, "model format", version, $"versions 1 and {Version}",
                "Use the Sweep that wrote it, or train the model again with this one.");
        int count = c.Count("the layer count", MaxLayers);
        int inputSize = c.Count("the input size", MaxWidth);
        float scale = c.Single();
        bool standardises = c.Byte() switch
        {
            0 => false,
            1 => true,
            var b => throw ModelFormatException.Damaged(path, $"has an unknown input-normalisation flag {b}."),
        };
        if (!(scale > 0) || !float.IsFinite(scale))
            throw ModelFormatException.Damaged(path, $"has an invalid input scale {scale}.");
        var input = standardises ? new InputNormalisation(scale, c.Floats(inputSize), c.Floats(inputSize))
            : InputNormalisation.Scaled(scale);
        var layers = new DenseLayer[count];
        int expectedInputs = inputSize;
        for (int l = 0; l < count; l++)
        {
            int inputs = c.Count($"layer {l}'s input size", MaxWidth);
            int outputs = c.Count($"layer {l}'s output size", MaxWidth);
            byte act = c.Byte();
            if (inputs != expectedInputs || outputs == 0)
                throw ModelFormatException.Damaged(path,
                    $"layer {l} is {inputs}→{outputs}, which does not follow the layer before it.");
            if (!Enum.IsDefined(typeof(Activation), (int)act))
                throw ModelFormatException.Damaged(path, $"layer {l} has an unknown activation code {act}.");
            if ((long)inputs * outputs > MaxLayerWeights)
                throw ModelFormatException.Damaged(path,
                    $"layer {l} claims {inputs}×{outputs} weights, more than the {MaxLayerWeights:N0} this format " +
                    "allows; " +
                    "the file is corrupt.");
            // The weights are read (which checks the file holds them) before the layer allocates its own arrays.
            float[] weights = c.Floats(inputs * outputs), bias = c.Floats(outputs);
            var layer = new DenseLayer(inputs, outputs, (Activation)act);
            weights.CopyTo(layer.Weights, 0);
            bias.CopyTo(layer.Bias, 0);
            layers[l] = layer;
            expectedInputs = outputs;
        }
        if (count == 0) throw ModelFormatException.Damaged(path, "has no layers.");
        return new Network(layers, input);
    }
}
