using System.Text.Json;
using Sweep.Harness.Plan;
using Sweep.Harness.Predict;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Predict;

/// <summary>`predict` as a user runs it: a model named by file, trial folder or results folder; images or a folder of
/// them in several formats; class names, --top, --json and a summary line.</summary>
public sealed class PredictCommandTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private string TrainDigits()
    {
        var plan =
            Expansion.Expand(
                SpecReader.Read(_files.Write("p.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n"),
                ["train.epochs=6"]));
        return TestSweeps.Run(plan, Path.Combine(_files.Dir, "results"), 2).ResultsDir;
    }

    /// <summary>An 8×8 digit of the shipped set drawn large, dark on white, in a given format.</summary>
    private string Draw(string name, SkiaSharp.SKEncodedImageFormat format)
    {
        var digits = TestSweeps.ShippedData().Load(Sweep.Data.Catalogue.DatasetCatalogue.Digits8x8).Train;
        var big = new byte[48 * 48];
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 48; x++)
                big[y * 48 + x] = (byte)(255 - digits.Image(3)[(y / 6) * 8 + x / 6] * 255 / 16);
        string dir = Path.Combine(_files.Dir, "images");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, TestImages.Encode(big, 48, 48, format));
        return path;
    }

    [Fact]
    public void A_results_folder_means_its_best_model_and_a_folder_of_images_is_classified_with_a_summary()
    {
        string results = TrainDigits();
        Draw("a.png", SkiaSharp.SKEncodedImageFormat.Png);
        Draw("b.jpg", SkiaSharp.SKEncodedImageFormat.Jpeg);
        Draw("c.webp", SkiaSharp.SKEncodedImageFormat.Webp);
        File.WriteAllText(Path.Combine(_files.Dir, "images", "notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(_files.Dir, "images", "d.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2]);
        var (code, output) = TestSweeps.Cli("predict", "--model", results, "--top", "2",
            Path.Combine(_files.Dir, "images"));
        Assert.Equal(2, code); // the damaged PNG could not be read
        Assert.Matches(@"model: .*trials/[0-9a-f]{12}/model\.swnn \(trial [0-9a-f]{12}, digits8x8\)", output);
        Assert.Equal(3,
            System.Text.RegularExpressions.Regex.Count(output,
            @"(a\.png|b\.jpg|c\.webp): \d   \(\d: [\d.]+ %, \d: [\d.]+ %\)"));
        Assert.Contains("d.png: a PNG that is damaged, which Sweep cannot read.", output);
        // Notes beside the images are passed over and listed, not counted as images that failed.
        Assert.Matches(@"passed over 1 file that is not an image: .*images/notes\.txt", output);
        Assert.Contains("4 images: 3 classified, 1 could not be read.", output);
    }

    [Fact]
    public void In_a_folder_only_images_count_but_a_file_named_alone_must_be_one()
    {
        string results = TrainDigits();
        Draw("a.png", SkiaSharp.SKEncodedImageFormat.Png);
        string images = Path.Combine(_files.Dir, "images");
        File.WriteAllText(Path.Combine(images, "labels.csv"), "a.png,3\n");
        File.WriteAllBytes(Path.Combine(images, ".DS_Store"), [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]);
        var (code, output) = TestSweeps.Cli("predict", "--model", results, images);
        Assert.True(code == 0, output);
        Assert.Contains("passed over 1 file that is not an image: ", output); // the hidden file is not even looked at
        Assert.DoesNotContain(".DS_Store", output);
        Assert.Contains("1 image: 1 classified, 0 could not be read.", output);

        (code, output) = TestSweeps.Cli("predict", "--model", results, Path.Combine(images, "labels.csv"));
        Assert.Equal(2, code);
        Assert.Contains("labels.csv: not an image: its first bytes match none of PNG, JPEG", output);

        string empty = Path.Combine(_files.Dir, "no-images");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "README.md"), "# my digits");
        (code, output) = TestSweeps.Cli("predict", "--model", results, empty);
        Assert.Equal(2, code);
        Assert.Contains("passed over 1 file that is not an image: ", output);
        Assert.Contains("error: no images to classify.", output);
        Assert.DoesNotContain("0 images", output);
    }

    [Fact]
    public void A_trial_folder_works_and_json_is_one_object_per_image()
    {
        string results = TrainDigits();
        string trial = Directory.GetDirectories(Path.Combine(results, "trials"))[0];
        string image = Draw("x.png", SkiaSharp.SKEncodedImageFormat.Png);
        var (code, output) = TestSweeps.Cli("predict", "--model", trial, "--json", image);
        Assert.True(code == 0, output);
        var line = output.Split('\n').First(l => l.StartsWith('{'));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal(image, doc.RootElement.GetProperty("image").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("top").GetArrayLength());
        Assert.InRange(doc.RootElement.GetProperty("top")[0].GetProperty("probability").GetDouble(), 0, 1);
    }

    [Fact]
    public void A_fashion_model_names_its_classes()
    {
        // A model file without metadata (written before it had any): its trial's config.yaml says which data set it
        // learned; the names and the image preparation come from the catalogue.
        string dir = Path.Combine(_files.Dir, "fashion-trial");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "config.yaml"), "# trial abc\ndata.dataset: fashion-mnist\n");
        var network = Sweep.Core.Models.Network.Create(
            Sweep.Core.Models.NetworkArchitecture.Uniform([784, 10], Sweep.Core.Layers.Activation.Relu,
                Sweep.Core.Layers.Activation.Softmax),
            Sweep.Core.Layers.WeightInit.HeNormal, Sweep.Core.Layers.BiasInit.Zero,
            Sweep.Core.Models.InputNormalisation.Scaled(1 / 255f), 1);
        using (var file = File.Create(Path.Combine(dir, "model.swnn")))
            Sweep.Core.Serialization.ModelFile.Write(network, file);
        var source = ModelSource.Resolve(dir);
        Assert.Equal("T-shirt/top", source.ClassName(0));
        Assert.Equal("Ankle boot", source.ClassName(9));
        Assert.Equal("fashion-mnist", source.Dataset);
        Assert.Equal(Sweep.Data.Images.ImagePreparation.Objects, source.Preparation);
    }
}
