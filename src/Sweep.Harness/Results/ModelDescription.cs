using System.Text.Json;
using Sweep.Data.Catalogue;
using Sweep.Data.Images;

namespace Sweep.Harness.Results;

/// <summary>
/// What a model.swnn says about itself in its metadata, so the file alone is enough to use it: the data set it was
/// trained on, how an image is prepared for it, and its class names. Written by the trial that trains it; a model
/// from before version 2 of the format has none, and is described from its trial's config.yaml instead.
/// </summary>
public sealed record ModelDescription(string? Dataset, ImagePreparation Preparation, IReadOnlyList<string> ClassNames)
{
    private const string DatasetKey = "dataset", PreparationKey = "preparation", ClassesKey = "class_names";

    /// <summary>A model of a data set Sweep knows by name; of the user's own files (IDX, CSV) when null: their
    /// images are prepared as digits, and their classes are numbered.</summary>
    public static ModelDescription Of(DatasetEntry? entry) => entry is null
        ? new ModelDescription(null, ImagePreparation.Digits, [])
        : new ModelDescription(entry.Name, entry.Preparation, entry.ClassNames);

    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PreparationKey] = ImagePreparations.Name(Preparation),
            [ClassesKey] = JsonSerializer.Serialize(ClassNames),
        };
        if (Dataset is not null) metadata[DatasetKey] = Dataset;
        return metadata;
    }

    /// <summary>The description a model file holds; null when it holds none (a version 1 file).</summary>
    /// <exception cref="ResultsFileException">Metadata that Sweep did not write.</exception>
    public static ModelDescription? FromMetadata(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(PreparationKey, out string? preparation)) return null;
        const string remedy = "Use the model.swnn a trial wrote, or train it again.";
        if (!ImagePreparations.TryParse(preparation, out var how))
            throw ResultsFileException.Damaged(path, $"names an unknown image preparation '{preparation}'.", remedy);
        string[] classes;
        try { classes = JsonSerializer.Deserialize<string[]>(metadata.GetValueOrDefault(ClassesKey, "[]")) ?? []; }
        catch (JsonException)
        {
            throw ResultsFileException.Damaged(path, "has class names that are not a list.", remedy);
        }
        return new ModelDescription(metadata.GetValueOrDefault(DatasetKey), how, classes);
    }
}
