using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Sweep.Core.Models;
using Sweep.Core.Serialization;
using Sweep.Data.Catalogue;
using Sweep.Harness.Export;
using Sweep.Harness.Plan;
using Sweep.Harness.Predict;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Export;

/// <summary>The exports load elsewhere and predict what Sweep predicts: ONNX in Microsoft's ONNX Runtime, to 1e-5 on
/// the whole test split; JSON back into Sweep, to the bit.</summary>
public sealed class ExportTests : IClassFixture<ExportTests.Trained>, IDisposable
{
    /// <summary>Two small trained networks on the shipped digits: ReLU with standardised inputs, and leaky ReLU/tanh
    /// with plain scaling, so every exported node kind runs.</summary>
    public sealed class Trained : IDisposable
    {
        private readonly SweepFiles _files = new();
        public string Results { get; }
        public IReadOnlyList<string> Trials { get; }

        public Trained()
        {
            string spec = _files.Write("export.yaml", SweepFiles.Digits + """
                variants:
                  relu: { model.hidden: [32, 16], data.standardise: true }
                  mixed: { model.activations: [leaky_relu, tanh], model.hidden: [24, 12] }
                """);
            var plan = Expansion.Expand(SpecReader.Read(spec, ["train.epochs=3"]));
            var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "out"), 2);
            Results = outcome.ResultsDir;
            Trials = outcome.Statuses.Select(s => s.Trial).ToList();
        }

        public void Dispose() => _files.Dispose();
    }

    private readonly Trained _trained;
    private readonly SweepFiles _files = new();
    public ExportTests(Trained trained) => _trained = trained;
    public void Dispose() => _files.Dispose();

    /// <summary>The digits' test split as raw bytes, n × 64.</summary>
    private static (byte[] Raw, int Count) TestSplit()
    {
        var data = TestSweeps.ShippedData().Load(DatasetCatalogue.Digits8x8);
        var splits = Sweep.Data.Splits.DataSplits.Create(data, new Sweep.Data.Splits.SplitOptions(1000, 0.1), 0);
        var test = splits.Test;
        var raw = new byte[test.Count * test.Features];
        for (int i = 0; i < test.Count; i++) test.Images.Image(test.Indices[i]).CopyTo(raw.AsSpan(i * test.Features));
        return (raw, test.Count);
    }

    private static float[] SweepOutputs(Network network, byte[] raw, int n)
    {
        var x = new float[n * network.InputSize];
        for (int i = 0; i < n; i++)
            network.Input.Apply(x.AsSpan(i * network.InputSize, network.InputSize),
                raw.AsSpan(i * network.InputSize, network.InputSize));
        return Inference.Outputs(network, x, n);
    }

    [Fact]
    public void The_onnx_export_runs_in_onnx_runtime_and_matches_sweeps_own_inference_on_the_whole_test_split()
    {
        var (raw, n) = TestSplit();
        foreach (string trial in _trained.Trials)
        {
            var source = ModelSource.Resolve(Path.Combine(_trained.Results, "trials", trial));
            var network = ModelFile.Load(source.ModelPath);
            byte[] onnx = OnnxExport.Write(network, source);
            using var session = new InferenceSession(onnx);
            var input = new DenseTensor<float>(raw.Select(b => (float)b).ToArray(), [n, network.InputSize]);
            using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("pixels", input)]);
            var theirs = outputs.Single(o => o.Name == "output").AsTensor<float>().ToArray();
            var ours = SweepOutputs(network, raw, n);
            Assert.Equal(ours.Length, theirs.Length);
            float worst = ours.Zip(theirs).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst <= 1e-5f, $"trial {trial}: largest difference {worst}");

            var metadata = session.ModelMetadata.CustomMetadataMap;
            Assert.Equal("[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]", metadata["class_names"]);
            Assert.Equal("digits8x8", metadata["dataset"]);
            Assert.Equal("digits", metadata["preparation"]);
            Assert.Equal(trial, metadata["trial"]);
            Assert.Contains("train.epochs: 3", metadata["configuration"]);
            Assert.StartsWith("[N, 64]", metadata["input_shape"]);
        }
    }

    [Fact]
    public void The_json_export_loads_back_to_identical_predictions()
    {
        var (raw, n) = TestSplit();
        foreach (string trial in _trained.Trials)
        {
            var source = ModelSource.Resolve(Path.Combine(_trained.Results, "trials", trial));
            var network = ModelFile.Load(source.ModelPath);
            string path = _files.Write($"{trial}.json", JsonModelFile.Write(network, source));
            var loaded = JsonModelFile.Read(path);
            Assert.Equal(SweepOutputs(network, raw, n), SweepOutputs(loaded, raw, n));
            Assert.Contains("\"weights\": [", File.ReadAllText(path));
        }
    }

    [Fact]
    public void The_cli_exports_the_best_model_of_a_results_folder_in_both_formats()
    {
        string onnx = Path.Combine(_files.Dir, "best.onnx"), json = Path.Combine(_files.Dir, "best.json");
        var (code, output) = TestSweeps.Cli("export", "--model", _trained.Results, "--format", "onnx", "--out", onnx);
        Assert.True(code == 0, output);
        Assert.Matches(@"best\.onnx: 64-\d+-\d+-10 from .*model\.swnn \(trial [0-9a-f]{12}\)", output);
        using (var session = new InferenceSession(onnx)) Assert.Equal("pixels", session.InputMetadata.Keys.Single());
        (code, output) = TestSweeps.Cli("export", "--model", _trained.Results, "--format", "json", "--out", json);
        Assert.True(code == 0, output);
        Assert.NotNull(JsonModelFile.Read(json));
        (code, output) = TestSweeps.Cli("export", "--model", Path.Combine(_files.Dir, "nowhere"), "--out", onnx);
        Assert.Equal(2, code);
        Assert.Contains("no such file or folder", output);
    }
}
