using System.Text.Json;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Results;

/// <summary>How a key's value is written into the YAML files Sweep writes (effective.yaml, a trial's config.yaml):
/// one rule for both, so that each reads back to the value it was. Text is double-quoted (JSON's escapes are YAML's),
/// numbers, booleans and lists of sizes as the canonical text the trial ids hash.</summary>
public static class YamlScalars
{
    public static string Of(string key, object value) =>
        value is string || Schema.TryGet(key, out var definition) && definition.Kind is KeyKind.Text
            or KeyKind.Choice
        ? JsonSerializer.Serialize(SpecValue.Format(value))
        : value is string[] names ? "[" + string.Join(", ", names.Select(n => JsonSerializer.Serialize(n))) + "]"
        : SpecValue.Format(value);
}
