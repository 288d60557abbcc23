using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sweep.Core.Text;
using Sweep.Data.Images;
using Sweep.Harness.Predict;

namespace Sweep.Cli.Commands;

/// <summary>`sweep predict --model FILE|DIR IMAGE|FOLDER...`: classify a user's own images with a trained
/// model.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description =
                "A model file (model.swnn), a trial's folder, or a results folder (its best configuration's typical " +
                "trial).",
            Required = true,
        };
        var top = new Option<int>("--top") { Description = "How many of the likeliest classes to show.",
            DefaultValueFactory = _ => 3 };
        var json =
            new Option<bool>("--json") { Description = "One JSON object per image on standard output, for scripts." };
        var images =
            new Argument<string[]>("images") { Description =
                "Images (PNG, JPEG, BMP, GIF, WebP, ICO, PGM) or folders of them.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify your own images with a trained model.") { model, top, json };
        command.Arguments.Add(images);
        command.SetAction(parse =>
        {
            if (parse.GetValue(top) < 1)
            {
                Console.Error.WriteLine("error: --top must be at least 1.");
                return ExitCodes.InvalidSweep;
            }
            var source = ModelSource.Resolve(parse.GetValue(model)!);
            var classifier = new ImageClassifier(source);
            bool asJson = parse.GetValue(json);
            if (!asJson)
                Console.Error.WriteLine(
                    $"model: {Printable.Line(source.ModelPath)}" +
                    $"{(source.Trial is { } t ? $" (trial {t}{(source.Dataset is { } d ? $", {d}" : "")})" : "")}");
            int classified = 0, failures = 0;
            var passedOver = new List<string>();
            foreach (var (image, inFolder) in Expand(parse.GetValue(images)!))
            {
                try
                {
                    var p = classifier.Classify(image, parse.GetValue(top));
                    classified++;
                    if (asJson)
                        Console.WriteLine(JsonSerializer.Serialize(new
                        {
                            image,
                            @class = source.ClassName(p.Digit),
                            index = p.Digit,
                            top = p.Top.Select(x =>
                                new { @class = source.ClassName(x.Digit), index = x.Digit,
                                probability = Math.Round(x.Probability, 6) }),
                        }));
                    else
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{Printable.Line(image)}: {Printable.Line(source.ClassName(p.Digit))}   (" +
                            $"{string.Join(", ", p.Top.Select(x =>
                                $"{source.ClassName(x.Digit)}: {x.Probability:P1}"))})"));
                }
                catch (ImageFormatException e) when (inFolder && e.NotAnImage)
                {
                    passedOver.Add(image);
                }
                catch (ImageFormatException e)
                {
                    if (asJson) Console.WriteLine(JsonSerializer.Serialize(new { image, error = e.Message }));
                    Console.Error.WriteLine("error: " + Printable.Lines(e.Message));
                    failures++;
                }
            }
            if (passedOver.Count > 0)
                Console.Error.WriteLine(
                    (passedOver.Count == 1 ? "passed over 1 file that is not an image: "
                        : $"passed over {passedOver.Count} files that are not images: ") +
                    string.Join(", ", passedOver.Take(10).Select(Printable.Line)) +
                    (passedOver.Count > 10 ? $" and {passedOver.Count - 10} more" : ""));
            if (classified + failures == 0)
            {
                Console.Error.WriteLine("error: no images to classify. Name image files (PNG, JPEG, BMP, GIF, WebP, " +
                    "ICO, PGM) or a folder that holds them.");
                return ExitCodes.InvalidSweep;
            }
            Console.Error.WriteLine(
                $"{classified + failures} image{(classified + failures == 1 ? "" : "s")}: {classified} classified, " +
                $"{failures} could not be read.");
            return failures == 0 ? ExitCodes.Ok : ExitCodes.InvalidSweep;
        });
        return command;
    }

    /// <summary>Each argument as given, a folder as the files in it (sorted, not recursing, hidden files left out):
    /// a file named on the command line must be an image, a file that is merely in a folder need not.</summary>
    private static IEnumerable<(string Path, bool InFolder)> Expand(IEnumerable<string> arguments)
    {
        foreach (string argument in arguments)
            if (Directory.Exists(argument))
                foreach (string file in Directory.GetFiles(argument).Order(StringComparer.Ordinal))
                {
                    if (!Path.GetFileName(file).StartsWith('.')) yield return (file, true);
                }
            else yield return (argument, false);
    }
}
