using System.Text;
using Sweep.Core.Files;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;
using YamlDotNet.RepresentationModel;

namespace Sweep.Harness.Results;

/// <summary>A trial's fully resolved configuration as YAML (config.yaml): every key, defaults included, written as
/// effective.yaml writes values (<see cref="YamlScalars"/>).</summary>
public static class TrialConfigFile
{
    public static string Render(TrialPlan trial)
    {
        var text = new StringBuilder();
        text.Append("# trial ").Append(trial.Id).Append(": ").Append(trial.DisplayName.Replace('\n', ' '))
            .Append('\n');
        foreach (var (key, value) in trial.Config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (value is not null) text.Append(key).Append(": ").Append(YamlScalars.Of(key, value)).Append('\n');
        return text.ToString();
    }

    /// <summary>The file's text (bounded), for a page to show; null when there is none.</summary>
    public static string? ReadText(string path) =>
        File.Exists(path) ? BoundedFile.ReadAllText(path, 1 << 20, "a trial's config.yaml") : null;

    /// <summary>One setting's text in <paramref name="yaml"/>, the file's text (<see cref="ReadText"/>) read once by
    /// the caller; null when there is no file or no such key.</summary>
    /// <param name="path">The file the text came from, named when it is not YAML.</param>
    /// <exception cref="ResultsFileException">The file is not YAML (edited or damaged).</exception>
    public static string? Setting(string? yaml, string path, string key)
    {
        if (yaml is null) return null;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode(key), out var node)
                && node is YamlScalarNode { Value: { } value } ? value : null;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ResultsFileException.AtLine(path, e.Start.Line, "not YAML.",
                "Sweep writes it for every trial it starts; delete it and run the sweep again to rewrite it.");
        }
    }
}
