using System.Globalization;
using Sweep.Core.Randomness;

namespace Sweep.Harness.Spec;

public enum DistributionKind { Uniform, LogUniform, Int, Choice }

/// <summary>
/// One key of a random or model-based search and the distribution it is drawn from: a real range (uniform or
/// log-uniform), a whole-number range, or a list of choices. <see cref="When"/> makes the key conditional: it is
/// drawn only when the other keys of the same block match (momentum only with the momentum optimizer); otherwise
/// the trial keeps the file's value or the default.
/// </summary>
public sealed record SearchDimension(string Key, DistributionKind Kind, double Low, double High,
    IReadOnlyList<SpecValue> Choices, SpecSource Source, KeyMatch? When = null)
{
    public bool IsChoice => Kind == DistributionKind.Choice;

    /// <summary>The scale a sampler works on: the logarithm for a log-uniform key, the value otherwise.</summary>
    public double ToScale(double value) => Kind == DistributionKind.LogUniform ? Math.Log(value) : value;

    public double FromScale(double x) => Kind == DistributionKind.LogUniform ? Math.Exp(x) : x;

    /// <summary>One draw, uniform on the key's own scale. Real values keep 4 significant digits, which reads well in
    /// tables and folder names and loses nothing a learning rate needs.</summary>
    public object Draw(RandomSource rng) => Kind switch
    {
        DistributionKind.Choice => Choices[rng.NextInt(Choices.Count)].Value,
        DistributionKind.Int => (int)Low + rng.NextInt((int)(High - Low) + 1),
        DistributionKind.Uniform => Round(Low + (High - Low) * rng.NextDouble()),
        _ => Round(Math.Exp(Math.Log(Low) + (Math.Log(High) - Math.Log(Low)) * rng.NextDouble())),
    };

    /// <summary>A value proposed on the key's scale, as a trial gets it: rounded like a draw, kept in range.</summary>
    public object ValueAt(double x) => Kind == DistributionKind.Int
        ? (object)(int)Math.Clamp(Math.Round(x, MidpointRounding.ToEven), Low, High)
        : Math.Clamp(Round(FromScale(x)), Low, High);

    /// <summary>The drawn values whose key is active: unconditional, or its `when:` matched by the other
    /// draws.</summary>
    public static IReadOnlyDictionary<string, object> Active(IReadOnlyList<SearchDimension> space,
        IReadOnlyDictionary<string, object> drawn) =>
        space.Where(d => d.When is null || d.When.Matches(k => drawn.GetValueOrDefault(k)))
            .ToDictionary(d => d.Key, d => drawn[d.Key]);

    /// <summary>Every choice, or both ends of the range: what the cross-key checks try.</summary>
    public IReadOnlyList<SpecValue> Extremes() => Kind switch
    {
        DistributionKind.Choice => Choices,
        DistributionKind.Int => [new SpecValue((int)Low, Source), new SpecValue((int)High, Source)],
        _ => [new SpecValue(Low, Source), new SpecValue(High, Source)],
    };

    /// <summary>The index of a value among the choices, or -1.</summary>
    public int ChoiceIndex(object? value)
    {
        string canonical = SpecValue.Format(value);
        for (int i = 0; i < Choices.Count; i++) if (Choices[i].Canonical == canonical) return i;
        return -1;
    }

    public static double Round(double v) =>
        v == 0 ? 0 : double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>As the sweep file writes it, e.g. "loguniform [0.0001, 0.1]".</summary>
    public string Describe() => Kind == DistributionKind.Choice
        ? "choice [" + string.Join(", ", Choices.Select(c => c.Canonical)) + "]"
        : string.Create(CultureInfo.InvariantCulture, $"{Kind.ToString().ToLowerInvariant()} [{Low}, {High}]");
}
