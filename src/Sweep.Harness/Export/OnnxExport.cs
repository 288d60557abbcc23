using System.Runtime.InteropServices;
using System.Text.Json;
using Google.Protobuf;
using Onnx;
using Sweep.Core.Layers;
using Sweep.Core.Models;
using Sweep.Data.Images;
using Sweep.Harness.Predict;

namespace Sweep.Harness.Export;

/// <summary>
/// A trained network as a standard ONNX graph (opset 13), for any runtime: input "pixels" [N, I] in the data set's
/// units (0 = background; 255, or 16 for the 8×8 digits, = ink; an image prepared as `predict` prepares it), the
/// input scaling (and standardisation) as Mul and Sub nodes, one Gemm per dense layer with its activation, and
/// "output" [N, C]: class probabilities for a softmax network, the output activation's values otherwise. Metadata:
/// class names, input shape, data set, image preparation (digits or objects), trial, the trial's configuration.
/// Written with protobuf's own library (Google.Protobuf and ONNX's generated classes), not by hand.
/// </summary>
public static class OnnxExport
{
    public const int Opset = 13;
    private const int Float = 1; // TensorProto.DataType.FLOAT

    public static byte[] Write(Network network, ModelSource source)
    {
        var graph = new GraphProto { Name = "sweep" };
        int inputs = network.InputSize, side = (int)Math.Round(Math.Sqrt(inputs));
        graph.Input.Add(Value("pixels", inputs));
        string x = "pixels";
        graph.Initializer.Add(Tensor("scale", [1], [network.Input.Scale]));
        x = Node(graph, "Mul", [x, "scale"], "scaled");
        if (network.Input is { Mean: { } mean, InverseStd: { } inverse })
        {
            graph.Initializer.Add(Tensor("mean", [inputs], mean));
            graph.Initializer.Add(Tensor("inverse_std", [inputs], inverse));
            x = Node(graph, "Sub", [x, "mean"], "centred");
            x = Node(graph, "Mul", [x, "inverse_std"], "standardised");
        }
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            graph.Initializer.Add(Tensor($"W{l}", [layer.Inputs, layer.Outputs], layer.Weights));
            graph.Initializer.Add(Tensor($"b{l}", [layer.Outputs], layer.Bias));
            x = Node(graph, "Gemm", [x, $"W{l}", $"b{l}"], $"z{l}"); // z[N,O] = x[N,I] · W[I,O] + b[O]
            x = layer.Activation switch
            {
                Activation.Identity => x,
                Activation.Relu => Node(graph, "Relu", [x], $"a{l}"),
                Activation.LeakyRelu => Node(graph, "LeakyRelu", [x], $"a{l}",
                    new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float,
                    F = Core.Tensors.Epilogue.LeakySlope }),
                Activation.Sigmoid => Node(graph, "Sigmoid", [x], $"a{l}"),
                Activation.Tanh => Node(graph, "Tanh", [x], $"a{l}"),
                Activation.Softmax => Node(graph, "Softmax", [x], $"a{l}",
                    new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 }),
                _ => throw new ArgumentOutOfRangeException(nameof(network), $"no ONNX operator for {layer.Activation}"),
            };
        }
        Node(graph, "Identity", [x], "output");
        graph.Output.Add(Value("output", network.OutputSize));

        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "Sweep",
            ProducerVersion = typeof(OnnxExport).Assembly.GetName().Version?.ToString() ?? "",
            DocString =
                $"A {network.Architecture} network trained by Sweep. Input: pixels as the data set stores them, row " +
                $"by row ({side}×{side}).",
            Graph = graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        void Meta(string key, string? value) { if (value is not null)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value }); }
        Meta("class_names", JsonSerializer.Serialize(Enumerable.Range(0, network.OutputSize).Select(source.ClassName)));
        Meta("input_shape", $"[N, {inputs}] ({side}×{side} pixels, row by row)");
        Meta("input_range", $"0 to {Math.Round(1 / network.Input.Scale)}: 0 is background, the maximum is ink");
        Meta("architecture", network.Architecture.ToString() + " "
            + string.Join('/', network.Layers.Select(l => l.Activation.Name())));
        Meta("dataset", source.Dataset);
        Meta("preparation", ImagePreparations.Name(source.Preparation));
        Meta("trial", source.Trial);
        Meta("configuration", source.ConfigYaml);
        return model.ToByteArray();
    }

    private static string Node(GraphProto graph, string op, string[] inputs, string output,
        params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    private static TensorProto Tensor(string name, long[] dims, float[] values)
    {
        var tensor =
            new TensorProto { Name = name, DataType = Float,
            RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    /// <summary>A float tensor [N, width] with N free.</summary>
    private static ValueInfoProto Value(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = Float, Shape = shape } } };
    }
}
