using Sweep.Core.Metrics;
using Sweep.Data.Splits;

namespace Sweep.Harness.Results;

/// <summary>test_predictions.csv: each test sample's index in the data set, its label and the model's prediction,
/// so that any metric can be computed again from the results folder alone.</summary>
public static class PredictionsFile
{
    public static readonly string[] Header = ["sample", "label", "predicted"];

    public static void Write(string path, Evaluation test, ImageSampleSource source) =>
        CsvFiles.Write(path, Header, Enumerable.Range(0, source.Count).Select(i =>
            (IReadOnlyList<object?>)[source.Indices[i], source.Images.Labels[source.Indices[i]], test.Predictions[i]]));
}
