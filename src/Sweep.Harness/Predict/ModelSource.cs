using Sweep.Core.Files;
using Sweep.Core.Models;
using Sweep.Core.Serialization;
using Sweep.Data.Catalogue;
using Sweep.Data.Images;
using Sweep.Harness.Results;

namespace Sweep.Harness.Predict;

/// <summary>
/// Which model `predict` and `export` use, from what the user names: a model file, a trial's folder, or a whole
/// results folder (then the best configuration by the selection metric, its typical seed, as the page shows it).
/// Also what the model is for: its data set, how an image is prepared for it and its class names, from the model
/// file's own metadata (<see cref="ModelDescription"/>), or for a model written before it had any, from its trial's
/// config.yaml.
/// </summary>
public sealed record ModelSource(string ModelPath, Network Network, string? Trial, string? Dataset,
    ImagePreparation Preparation, IReadOnlyList<string> ClassNames, string? ConfigYaml)
{
    /// <exception cref="PredictException">Nothing usable at the path, or a results folder without a finished
    /// trial.</exception>
    /// <exception cref="ModelFormatException">The model file is damaged or not one.</exception>
    public static ModelSource Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full)) return FromTrialFolder(Path.GetDirectoryName(full)!, full);
        if (!Directory.Exists(full))
            throw PredictException.NoModel(path, "no such file or folder.",
                "Give a model.swnn, a trial's folder or a results folder.");
        var layout = new ResultsLayout(full);
        if (File.Exists(new TrialFolder(full).Model)) return FromTrialFolder(full, new TrialFolder(full).Model);
        if (!File.Exists(layout.Summary))
            throw PredictException.NoModel(path, "a folder without a model.swnn or a summary.csv:",
                "give a model file, a trial's folder (results/X/trials/ID) or a results folder (results/X).");
        var results = SweepResults.Load(full);
        if (results.RunsProgram)
            throw PredictException.NoModel(path,
                "its trials were runs of your own program (program:), which keeps its own model; Sweep has none to " +
                "use.", "Use the checkpoint your program wrote in the best trial's folder (the page names it).");
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
        var contents = ModelFile.LoadWithMetadata(model);
        var folder = new TrialFolder(dir);
        string? yaml = TrialConfigFile.ReadText(folder.Config);
        string? trial = yaml is null ? null : Path.GetFileName(dir);
        // A model file of version 1 names no data set itself: its trial's config.yaml does.
        var description = ModelDescription.FromMetadata(contents.Metadata, model)
            ?? ModelDescription.Of(TrialConfigFile.Setting(yaml, folder.Config, "data.dataset") is { } name
                && DatasetCatalogue.TryGet(name, out var entry) ? entry : null);
        return new ModelSource(model, contents.Network, trial, description.Dataset, description.Preparation,
            description.ClassNames, yaml);
    }

    public string ClassName(int c) => c < ClassNames.Count ? ClassNames[c]
        : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
