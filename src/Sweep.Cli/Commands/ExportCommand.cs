using System.CommandLine;
using Sweep.Harness.Export;
using Sweep.Harness.Predict;
using Sweep.Harness.Results;

namespace Sweep.Cli.Commands;

/// <summary>`sweep export --model FILE|DIR --format onnx|json --out FILE`: a trained network for use outside
/// Sweep.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var model =
            new Option<string>("--model") { Description =
                "A model file, a trial's folder, or a results folder (its best configuration's typical trial).",
                Required = true };
        var format =
            new Option<string>("--format") { Description =
                "onnx (a standard ONNX graph, opset 13) or json (readable weights).",
                DefaultValueFactory = _ => "onnx" };
        format.AcceptOnlyFromAmong("onnx", "json");
        var output = new Option<string>("--out") { Description = "The file to write, e.g. digits.onnx.",
            Required = true };
        var command = new Command("export", "Write a trained network as ONNX or readable JSON.") { model, format,
            output };
        command.SetAction(parse =>
        {
            var source = ModelSource.Resolve(parse.GetValue(model)!);
            var network = source.Network;
            string path = parse.GetValue(output)!;
            if (parse.GetValue(format) == "onnx")
                AtomicFile.Write(path, s => s.Write(OnnxExport.Write(network, source)));
            else AtomicFile.WriteAllText(path, JsonModelFile.Write(network, source));
            Console.WriteLine(
                $"{path}: {network.Architecture} from {source.ModelPath}" +
                $"{(source.Trial is { } t ? $" (trial {t})" : "")}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
