using System.Text;
using Sweep.Harness.Plan;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Results;

/// <summary>A trial's fully resolved configuration as YAML (config.yaml): every key, defaults included.</summary>
public static class TrialConfigFile
{
    public static string Render(TrialPlan trial)
    {
        var text = new StringBuilder();
        text.Append("# trial ").Append(trial.Id).Append(": ").Append(trial.DisplayName).Append('\n');
        foreach (var (key, value) in trial.Config.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            if (value is not null) text.Append(key).Append(": ").Append(Quote(SpecValue.Format(value))).Append('\n');
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.Length == 0 || value.IndexOfAny([':', '#', '\'', '"']) >= 0 && !value.StartsWith('[') ? "'"
        + value.Replace("'", "''") + "'" : value;
}
