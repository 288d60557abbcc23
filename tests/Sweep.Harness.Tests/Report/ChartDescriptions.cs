using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Tests.Report;

/// <summary>Chart descriptions as indented JSON, for golden files: what each chart shows, independent of drawing.
/// Numbers are rounded to 6 significant digits, so that the file reads and diffs well.</summary>
internal static class ChartDescriptions
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new Rounded() },
    };

    public static string Json(IReadOnlyList<Chart> charts) =>
        JsonSerializer.Serialize(charts.Select(c => new { Kind = c.GetType().Name, Chart = (object)c }), Options)
        + "\n";

    private sealed class Rounded : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            reader.GetDouble();
        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
                writer.WriteRawValue(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
            else writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
