using Sweep.Core.Serialization;
using Sweep.Data;
using Sweep.Data.Catalogue;
using Sweep.Data.Images;
using Sweep.Harness.Plan;
using Sweep.Harness.Predict;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Predict;

public sealed class DigitClassifierTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private string TrainModel(string yaml, DataStore store)
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write("model.yaml", yaml), []));
        var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "out"), 1, store);
        Assert.True(outcome.AllCompleted);
        return Path.Combine(outcome.ResultsDir, "trials", outcome.Statuses[0].Trial, "model.swnn");
    }

    [RealMnistFact]
    public void An_mnist_test_digit_saved_as_png_is_predicted_as_the_model_predicts_the_original()
    {
        var store = new DataStore(new DataLocator([RealMnistFactAttribute.Folder!]));
        string model = TrainModel("""
            name: predict-mnist
            data: { dataset: mnist, limit: 12000, split: { validation: 0 } }
            model: { hidden: [64] }
            train: { epochs: 2, batch_size: 32 }
            optimizer: { name: adam, lr: 0.002 }
            """, store);
        var classifier = new DigitClassifier(model);
        var test = store.Load(DatasetCatalogue.Mnist).Test!;
        int checkedDigits = 0;
        for (int i = 0; i < 200 && checkedDigits < 12; i++)
        {
            var original = classifier.Classify(test.Image(i), $"test {i}");
            if (original.Top[0].Probability < 0.99) continue; // a digit the model is unsure of can flip on any resampling
            // Dark ink on a white RGB page, as a user would draw it.
            var rgb = test.Image(i).ToArray().SelectMany(p => new[] { (byte)(255 - p), (byte)(255 - p), (byte)(255 - p) }).ToArray();
            string png = Path.Combine(_files.Dir, $"mnist-{i}.png");
            File.WriteAllBytes(png, PngEncoder.EncodeRgb(rgb, 28, 28));
            var fromPng = classifier.Classify(png);
            Assert.True(original.Digit == fromPng.Digit, $"test digit {i} (label {test.Labels[i]}): original → {original.Digit}, PNG → {fromPng.Digit}");
            checkedDigits++;
        }
        Assert.True(checkedDigits >= 10, $"only {checkedDigits} confident digits in the first 200");
    }

    [Fact]
    public void The_cli_prints_the_digit_and_the_top_three_and_rejects_a_corrupt_image()
    {
        var store = TestSweeps.ShippedData();
        string model = TrainModel(SweepFiles.Digits, store);
        // An 8×8 digit from the shipped set, drawn large in dark ink on white.
        var digits = store.Load(DatasetCatalogue.Digits8x8).Train;
        var big = new byte[64 * 64];
        for (int y = 0; y < 64; y++)
            for (int x = 0; x < 64; x++) big[y * 64 + x] = (byte)(255 - digits.Image(0)[(y / 8) * 8 + x / 8] * 255 / 16);
        string png = Path.Combine(_files.Dir, "digit.png"), corrupt = Path.Combine(_files.Dir, "corrupt.png");
        File.WriteAllBytes(png, PngEncoder.EncodeGrey(big, 64, 64));
        File.WriteAllBytes(corrupt, PngEncoder.EncodeGrey(big, 64, 64)[..100]);

        var (code, output) = TestSweeps.Cli("predict", "--model", model, png);
        Assert.True(code == 0, output);
        Assert.Matches(@"digit\.png: \d   \(\d: [\d.]+ %, \d: [\d.]+ %, \d: [\d.]+ %\)", output);

        (code, output) = TestSweeps.Cli("predict", "--model", model, corrupt);
        Assert.Equal(2, code);
        Assert.Contains("corrupt.png: ", output);
        Assert.Contains("truncated", output);
        Assert.DoesNotContain("   at ", output); // no stack trace

        (code, output) = TestSweeps.Cli("predict", "--model", png, png);
        Assert.Equal(3, code); // a model file that is not one is a damaged file, as every such file is
        Assert.Contains("digit.png: ", output);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_clear_error()
    {
        string path = _files.Write("not-a-model.swnn", "hello");
        Assert.Throws<ModelFormatException>(() => new DigitClassifier(path));
    }
}
