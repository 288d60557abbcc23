using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Serialization;
using Sweep.Core.Tests.Training;
using Sweep.Core.Training;

namespace Sweep.Core.Tests.Serialization;

public sealed class ModelFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Network Trained(out ArraySampleSource test, out Trainer trainer)
    {
        var (train, t) = ShippedDigits.Load(300, 100);
        test = t;
        var network = Network.Create(NetworkArchitecture.Uniform([64, 20, 12, 10], Activation.Tanh, Activation.Softmax),
            WeightInit.XavierUniform, BiasInit.StandardNormal,
            new InputNormalisation(1f, Enumerable.Range(0, 64).Select(i => i / 100f).ToArray(),
            Enumerable.Range(0, 64).Select(i => 1 + i / 50f).ToArray()), 3);
        trainer = new Trainer(network, new TrainingOptions { BatchSize = 16, Dropout = 0.1f }, 3);
        trainer.TrainEpoch(train);
        return network;
    }

    [Fact]
    public void Save_then_load_is_bit_exact_and_predicts_identically()
    {
        var network = Trained(out var test, out _);
        string path = Path.Combine(_dir, "model.swnn");
        using (var file = File.Create(path)) ModelFile.Write(network, file);
        var loaded = ModelFile.Load(path);

        Assert.Equal(network.Architecture.Sizes, loaded.Architecture.Sizes);
        Assert.Equal(network.Architecture.Activations, loaded.Architecture.Activations);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Assert.Equal(network.Layers[l].Weights, loaded.Layers[l].Weights);
            Assert.Equal(network.Layers[l].Bias, loaded.Layers[l].Bias);
        }
        Assert.Equal(network.Input.Mean, loaded.Input.Mean);
        Assert.Equal(network.Input.Std, loaded.Input.Std);
        var inputs = new float[test.Count * 64];
        test.Fill(inputs, new int[test.Count], Enumerable.Range(0, test.Count).ToArray());
        Assert.Equal(Inference.Outputs(network, inputs, test.Count), Inference.Outputs(loaded, inputs, test.Count));
    }

    [Fact]
    public void A_file_of_another_kind_is_named_and_explained()
    {
        string path = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(path, "hello, this is not a model");
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a Sweep model file", error.Message);
    }

    [Theory]
    [InlineData(0.999)]
    [InlineData(0.5)]
    [InlineData(0.01)]
    public void A_truncated_file_is_an_error_not_a_crash(double keep)
    {
        string path = Path.Combine(_dir, "model.swnn");
        using (var file = File.Create(path)) ModelFile.Write(Trained(out _, out _), file);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..Math.Max(9, (int)(bytes.Length * keep))]);
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Load(path));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_flipped_bit_is_caught_by_the_checksum()
    {
        string path = Path.Combine(_dir, "model.swnn");
        using (var file = File.Create(path)) ModelFile.Write(Trained(out _, out _), file);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("damaged", Assert.Throws<ModelFormatException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void A_checkpoint_resumes_bit_identically()
    {
        var (train, _) = ShippedDigits.Load(200, 0);
        Trainer Fresh() =>
            new(Network.Create(NetworkArchitecture.Uniform([64, 16, 10], Activation.Relu, Activation.Softmax),
            WeightInit.HeNormal, BiasInit.Zero, InputNormalisation.Scaled(1), 4),
            new TrainingOptions { BatchSize = 8, Dropout = 0.3f,
            Optimizer = new OptimizerOptions { Kind = OptimizerKind.Adam } }, 4);

        var straight = Fresh();
        for (int e = 0; e < 4; e++) straight.TrainEpoch(train);

        var first = Fresh();
        first.TrainEpoch(train);
        first.TrainEpoch(train);
        string path = Path.Combine(_dir, "checkpoint.swck");
        using (var file = File.Create(path)) CheckpointFile.Write(first, file);
        var (network, state) = CheckpointFile.Load(path);
        var resumed = new Trainer(network, first.Options, 4);
        resumed.RestoreState(state);
        Assert.Equal(2, resumed.EpochsCompleted);
        resumed.TrainEpoch(train);
        resumed.TrainEpoch(train);

        for (int l = 0; l < 2; l++)
            Assert.Equal(straight.Network.Layers[l].Weights, resumed.Network.Layers[l].Weights);
    }

    /// <summary>A model file's bytes: the header, one layer of the given shape, <paramref name="floats"/> floats of
    /// data, then a valid checksum (so the claim itself is what must be refused).</summary>
    private static byte[] HandMade(uint inputs, uint outputs, int floats, uint version = ModelFile.Version)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(ModelFile.Magic); w.Write(version); w.Write(1u); w.Write(inputs); w.Write(1f); w.Write((byte)0);
            w.Write(inputs); w.Write(outputs); w.Write((byte)Activation.Softmax);
            for (int i = 0; i < floats; i++) w.Write(0.5f);
        }
        byte[] b = body.ToArray();
        return [.. b, .. System.Security.Cryptography.SHA256.HashData(b)];
    }

    [Fact]
    public void Metadata_travels_with_the_model_and_a_version_1_file_still_reads_without_any()
    {
        var network = Trained(out _, out _);
        string path = Path.Combine(_dir, "described.swnn");
        var metadata = new Dictionary<string, string> { ["preparation"] = "objects", ["dataset"] = "fashion-mnist",
            ["note"] = "ünïcode ✓" };
        using (var file = File.Create(path)) ModelFile.Write(network, file, metadata);
        var loaded = ModelFile.LoadWithMetadata(path);
        Assert.Equal(metadata.OrderBy(kv => kv.Key), loaded.Metadata.OrderBy(kv => kv.Key));
        Assert.Equal(network.Layers[0].Weights, loaded.Network.Layers[0].Weights);

        var old = ModelFile.ReadWithMetadata(HandMade(2, 2, 6, version: 1), "old.swnn");
        Assert.Empty(old.Metadata);
        Assert.Equal(0.5f, old.Network.Layers[0].Weights[3]);
        // Version 2 without its metadata count is a truncated file, not a version 1 one.
        Assert.Contains("truncated",
            Assert.Throws<ModelFormatException>(() => ModelFile.Read(HandMade(2, 2, 6), "short.swnn")).Message);
    }

    [Fact]
    public void A_model_of_another_format_version_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<ModelFormatException>(() =>
            ModelFile.Read(HandMade(4, 2, 10, version: ModelFile.Version + 1), "newer.swnn"));
        Assert.Equal($"newer.swnn: is model format version {ModelFile.Version + 1}; " +
            $"this Sweep reads versions 1 and {ModelFile.Version}. " +
            "Use the Sweep that wrote it, or train the model again with this one.", error.Message);
    }

    [Fact]
    public void A_layer_claiming_more_weights_than_the_format_allows_is_refused_before_allocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Read(HandMade(1 << 20, 1024, 0), "big.swnn"));
        Assert.Contains("claims 1048576×1024 weights", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void A_layer_whose_weights_the_file_does_not_hold_is_refused_before_allocating()
    {
        // 4096×4096 is within the format, but the file holds 10 floats of it.
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModelFormatException>(() => ModelFile.Read(HandMade(4096, 4096, 10), "short.swnn"));
        Assert.Contains("truncated", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void A_device_given_as_a_model_is_refused_unread()
    {
        Assert.Contains("not a file", Assert.Throws<ModelFormatException>(() => ModelFile.Load("/dev/zero")).Message);
        Assert.Contains("is a folder", Assert.Throws<ModelFormatException>(() => ModelFile.Load(_dir)).Message);
    }
}
