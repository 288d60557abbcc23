using Sweep.Core.Files;
using Sweep.Data.Catalogue;
using Sweep.Harness.Report;
using Sweep.Harness.Run;
using YamlDotNet.RepresentationModel;
using Sweep.Harness.Results;

namespace Sweep.Harness.Predict;

/// <summary>
/// Which model `predict` and `export` use, from what the user names: a model file, a trial's folder, or a whole
/// results folder (then the best configuration by the selection metric, its typical seed, as the page shows it).
/// Also what the model is for: its trial, its data set and the data set's class names, from the trial's config.yaml.
/// </summary>
public sealed record ModelSource(string ModelPath, string? Trial, string? Dataset, IReadOnlyList<string> ClassNames,
    string? ConfigYaml)
{
    /// <exception cref="PredictException">Nothing usable at the path, or a results folder without a finished
    /// trial.</exception>
    public static ModelSource Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) return FromTrialFolder(Path.GetDirectoryName(full)!, full);
        if (!Directory.Exists(full))
            throw PredictException.NoModel(path, "no such file or folder.",
                "Give a model.swnn, a trial's folder or a results folder.");
        var layout = new ResultsLayout(full);
        if (File.Exists(Path.Combine(full, "model.swnn")))
            return FromTrialFolder(full, Path.Combine(full, "model.swnn"));
        if (!File.Exists(layout.Summary))
            throw PredictException.NoModel(path, "a folder without a model.swnn or a summary.csv:",
                "give a model file, a trial's folder (results/X/trials/ID) or a results folder (results/X).");
        var results = SweepResults.Load(full);
        var best = Aggregation.ByConfiguration(results).FirstOrDefault(c =>
            c.Score is not null)?.RepresentativeBy(results.Selection)
            ?? throw PredictException.NoModel(path,
                "no trial of this sweep has finished and been tested yet, so there is no best model.",
                "Run the sweep first.");
        var folder = layout.Trial(best.Id);
        if (!File.Exists(folder.Model))
            throw PredictException.NoModel(folder.Model, "the best trial has no model file;",
                "run the sweep again to finish it.");
        return FromTrialFolder(folder.Dir, folder.Model);
    }

    private static ModelSource FromTrialFolder(string dir, string model)
    {
        string config = Path.Combine(dir, "config.yaml");
        if (!File.Exists(config)) return new ModelSource(model, null, null, [], null);
        string yaml = BoundedFile.ReadAllText(config, 1 << 20, "a trial's config.yaml");
        string? dataset = null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("data.dataset"), out var node)
                && node is YamlScalarNode { Value: { } name })
                dataset = name;
        }
        catch (YamlDotNet.Core.YamlException) { } // a damaged config only loses the class names
        var classes = dataset is not null && DatasetCatalogue.TryGet(dataset, out var entry) ? entry.ClassNames : [];
        return new ModelSource(model, Path.GetFileName(dir), dataset, classes, yaml);
    }

    public string ClassName(int c) => c < ClassNames.Count ? ClassNames[c]
        : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
