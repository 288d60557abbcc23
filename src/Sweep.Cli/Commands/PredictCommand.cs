using System.CommandLine;
using System.Globalization;
using Sweep.Data.Images;
using Sweep.Harness.Predict;

namespace Sweep.Cli.Commands;

/// <summary>`sweep predict --model FILE IMAGE...`: classify a user's own digit images (PNG or PGM).</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "A model file, e.g. results/quickstart/trials/<trial>/model.swnn.", Required = true };
        var images = new Argument<string[]>("images") { Description = "PNG (8-bit grey, RGB or RGBA) or PGM images of single digits.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Classify your own digit images with a trained model.") { model };
        command.Arguments.Add(images);
        command.SetAction(parse =>
        {
            var classifier = new DigitClassifier(parse.GetValue(model)!);
            int failures = 0;
            foreach (var image in parse.GetValue(images)!)
            {
                try
                {
                    var p = classifier.Classify(image);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{image}: {p.Digit}   ({string.Join(", ", p.Top.Select(t => $"{t.Digit}: {t.Probability:P1}"))})"));
                }
                catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine("error: " + e.Message);
                    failures++;
                }
            }
            return failures == 0 ? ExitCodes.Ok : ExitCodes.InvalidSweep;
        });
        return command;
    }
}
