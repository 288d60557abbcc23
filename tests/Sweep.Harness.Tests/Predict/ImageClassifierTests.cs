using System.Globalization;
using System.Text.Json;
using Sweep.Core.Serialization;
using Sweep.Data.Catalogue;
using Sweep.Data.Formats;
using Sweep.Data.Images;
using Sweep.Data;
using Sweep.Harness.Plan;
using Sweep.Harness.Predict;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Predict;

public sealed class ImageClassifierTests : IDisposable
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

    /// <summary>A user's first hour with a real data set: the model's own first 40 test images, saved unchanged as
    /// 28×28 PNG files, given to `predict` through the CLI; each must get the class the trial itself predicted
    /// (test_predictions.csv). Fashion-MNIST's garments once went through the digits' crop-to-ink and agreed on 17 of
    /// 40.</summary>
    [RealMnistFact]
    public void Predict_on_a_models_own_test_images_saved_as_png_agrees_with_its_test_predictions_for_both_data_sets()
    {
        string data = RealMnistFactAttribute.Required;
        var withData = new Dictionary<string, string> { ["SWEEP_DATA"] = data };
        foreach (string dataset in new[] { "mnist", "fashion-mnist" })
        {
            string spec = _files.Write($"{dataset}.yaml", $$"""
                name: own-{{dataset}}
                data: { dataset: {{dataset}}, split: { validation: 0.1 } }
                model: { hidden: [128] }
                train: { epochs: 2, batch_size: 32 }
                optimizer: { name: adam, lr: 0.001 }
                """);
            string results = Path.Combine(_files.Dir, dataset);
            var (code, output, _) = TestSweeps.CliMeasured(withData, "run", spec, "--out", results, "--progress",
                "quiet");
            Assert.True(code == 0, output);
            var (pixels, _, rows, columns) =
                IdxReader.ReadImages(Path.Combine(data, dataset, "t10k-images-idx3-ubyte.gz"));
            string images = Directory.CreateDirectory(Path.Combine(_files.Dir, dataset + "-png")).FullName;
            for (int i = 0; i < 40; i++)
                File.WriteAllBytes(Path.Combine(images, $"{i:D2}.png"),
                    TestImages.Encode(pixels.AsSpan(i * rows * columns, rows * columns).ToArray(), columns, rows));
            (code, output, _) = TestSweeps.CliMeasured(withData, "predict", "--model", results, "--json", images);
            Assert.True(code == 0, output);
            var predicted = output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l))
                .ToDictionary(j => int.Parse(Path.GetFileNameWithoutExtension(j.RootElement.GetProperty("image")
                    .GetString()!), CultureInfo.InvariantCulture), j => j.RootElement.GetProperty("index").GetInt32());
            string trial = Directory.GetDirectories(Path.Combine(results, "trials")).Single();
            var own = File.ReadAllLines(Path.Combine(trial, "test_predictions.csv")).Skip(1)
                .Select(l => l.Split(',')).Where(c => int.Parse(c[0], CultureInfo.InvariantCulture) < 40)
                .ToDictionary(c => int.Parse(c[0], CultureInfo.InvariantCulture),
                    c => int.Parse(c[2], CultureInfo.InvariantCulture));
            Assert.Equal(40, own.Count);
            int agree = own.Count(kv => predicted[kv.Key] == kv.Value);
            Assert.True(agree >= 39, $"{dataset}: predict agrees with test_predictions.csv on {agree} of 40");
            var source = ModelSource.Resolve(results);
            Assert.Equal(dataset == "mnist" ? ImagePreparation.Digits : ImagePreparation.Objects, source.Preparation);
            Assert.Equal(dataset, source.Dataset);
        }
    }

    [RealMnistFact]
    public void An_mnist_test_digit_saved_as_png_is_predicted_as_the_model_predicts_the_original()
    {
        var store = new DataStore(new DataLocator([RealMnistFactAttribute.Required]));
        string model = TrainModel("""
            name: predict-mnist
            data: { dataset: mnist, limit: 12000, split: { validation: 0 } }
            model: { hidden: [64] }
            train: { epochs: 2, batch_size: 32 }
            optimizer: { name: adam, lr: 0.002 }
            """, store);
        var classifier = ImageClassifier.For(model);
        var test = store.Load(DatasetCatalogue.Mnist).Test!;
        int checkedDigits = 0;
        for (int i = 0; i < 200 && checkedDigits < 12; i++)
        {
            var original = classifier.Classify(test.Image(i), $"test {i}");
            // a digit the model is unsure of can flip on any resampling
            if (original.Top[0].Probability < 0.99) continue;
            // Dark ink on a white RGB page, as a user would draw it.
            var paper = test.Image(i).ToArray().Select(p => (byte)(255 - p)).ToArray();
            string png = Path.Combine(_files.Dir, $"mnist-{i}.png");
            File.WriteAllBytes(png, TestImages.Encode(paper, 28, 28));
            var fromPng = classifier.Classify(png);
            Assert.True(original.Digit == fromPng.Digit,
                $"test digit {i} (label {test.Labels[i]}): original → {original.Digit}, PNG → {fromPng.Digit}");
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
            for (int x = 0; x < 64; x++)
                big[y * 64 + x] = (byte)(255 - digits.Image(0)[(y / 8) * 8 + x / 8] * 255 / 16);
        string png = Path.Combine(_files.Dir, "digit.png"), corrupt = Path.Combine(_files.Dir, "corrupt.png");
        File.WriteAllBytes(png, TestImages.Encode(big, 64, 64));
        File.WriteAllBytes(corrupt, TestImages.Encode(big, 64, 64)[..100]);

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
        Assert.Throws<ModelFormatException>(() => ImageClassifier.For(path));
    }

    /// <summary>
    /// 30 MNIST test digits saved as users have them: PNG, JPEG and WebP; dark ink on white and white on black; drawn
    /// 2 to 5 times larger, on canvases with the digit off-centre. The classic 784-128-10 network (briefly trained)
    /// must get at least 26 right: each image is prepared as MNIST's digits were (cropped to the ink, fitted to 20×20,
    /// centred by mass), so what it sees is close to the original.
    /// </summary>
    [RealMnistFact]
    public void Thirty_mnist_digits_saved_as_users_have_them_are_mostly_recognised_by_the_classic_network()
    {
        var store = new DataStore(new DataLocator([RealMnistFactAttribute.Required]));
        string model = TrainModel("""
            name: classic-predict
            data: { dataset: mnist, split: { validation: 0 } }
            model: { layers: [784, 128, 10] }
            train: { epochs: 2, batch_size: 32 }
            optimizer: { name: adam, lr: 0.001 }
            """, store);
        var classifier = ImageClassifier.For(model);
        var test = store.Load(DatasetCatalogue.Mnist).Test!;
        SkiaSharp.SKEncodedImageFormat[] formats = [SkiaSharp.SKEncodedImageFormat.Png,
            SkiaSharp.SKEncodedImageFormat.Jpeg, SkiaSharp.SKEncodedImageFormat.Webp];
        int right = 0;
        var wrong = new List<string>();
        for (int i = 0; i < 30; i++)
        {
            int zoom = 2 + i % 4, width = 28 * zoom + 40 + 13 * (i % 3), height = 28 * zoom + 30 + 7 * (i % 5);
            int left = 5 + 9 * (i % 4), top = 3 + 11 * (i % 3);
            bool darkOnLight = i % 2 == 0;
            var canvas = Enumerable.Repeat(darkOnLight ? (byte)255 : (byte)0, width * height).ToArray();
            var digit = test.Image(i);
            for (int y = 0; y < 28 * zoom; y++)
                for (int x = 0; x < 28 * zoom; x++)
                {
                    byte ink = digit[(y / zoom) * 28 + x / zoom];
                    canvas[(top + y) * width + left + x] = darkOnLight ? (byte)(255 - ink) : ink;
                }
            var format = formats[i % 3];
            string path = Path.Combine(_files.Dir, $"user-{i}.{format.ToString().ToLowerInvariant()}");
            File.WriteAllBytes(path, TestImages.Encode(canvas, width, height, format, quality: 85));
            int predicted = classifier.Classify(path).Digit;
            if (predicted == test.Labels[i]) right++;
            else wrong.Add($"{i} ({format}, label {test.Labels[i]} → {predicted})");
        }
        Assert.True(right >= 26, $"{right} of 30 right; wrong: {string.Join(", ", wrong)}");
    }
}
