using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sweep.Harness.Run.Programs;

/// <summary>One epoch as a program reported it: its number and the metrics it gave, by name.</summary>
internal sealed record ProgramEpoch(int Epoch, IReadOnlyDictionary<string, double> Metrics)
{
    public double? this[string name] => Metrics.TryGetValue(name, out double v) ? v : null;
}

/// <summary>
/// A line of a program's standard output: a JSON object with a whole `epoch` and numeric metrics is an epoch's
/// report (`{"epoch": 3, "val_accuracy": 0.91, "val_loss": 0.3}`); any other line is the program's own output,
/// kept in its log. What is wrong with a line that looks like a report is said, never thrown.
/// </summary>
internal static partial class ProgramLine
{
    /// <summary>The metrics Sweep knows by name: the columns of metrics.csv and summary.csv. Others a program reports
    /// stay in its log.</summary>
    public static readonly string[] Known = ["train_loss", "train_accuracy", "val_loss", "val_accuracy", "test_loss",
        "test_accuracy", "learning_rate", "seconds"];

    /// <summary>The epoch a line reports, or null: then <paramref name="note"/> says why when the line looked like a
    /// report (it began with '{'), and is null for ordinary output.</summary>
    public static ProgramEpoch? Parse(string line, out string? note)
    {
        note = null;
        string text = line.Trim();
        if (!text.StartsWith('{')) return null;
        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException)
        {
            // Python's json.dumps writes NaN and Infinity bare, which JSON does not allow: read them as what they
            // mean (a diverged loss), not as a broken line.
            try { document = JsonDocument.Parse(BareNonFinite().Replace(text, "\"$1\"")); }
            catch (JsonException e)
            {
                note = $"not JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}); kept as output";
                return null;
            }
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                note = "JSON but not an object; kept as output";
                return null;
            }
            if (!document.RootElement.TryGetProperty("epoch", out var epochElement)
                || !epochElement.TryGetInt32(out int epoch) || epoch < 1)
            {
                note = "no \"epoch\" (a whole number from 1); kept as output";
                return null;
            }
            var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
            var wrong = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "epoch") continue;
                string name = property.Name == "lr" ? "learning_rate" : property.Name;
                if (Number(property.Value) is double value) metrics[name] = value;
                else wrong.Add(property.Name);
            }
            if (wrong.Count > 0)
                note = $"epoch {epoch}: {string.Join(", ", wrong.Select(w => $"\"{w}\""))} not a number; left out";
            return new ProgramEpoch(epoch, metrics);
        }
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String => value.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => null,
        },
        _ => null,
    };

    [GeneratedRegex(@"(?<=[:\[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])", RegexOptions.CultureInvariant)]
    private static partial Regex BareNonFinite();

    /// <summary>"val_loss 1.2e+03": a metric in a reason.</summary>
    public static string Shown(string name, double value) =>
        $"{name} {value.ToString("G4", CultureInfo.InvariantCulture)}";
}
