using System.Globalization;

namespace Sweep.Harness.Report.Charts;

/// <summary>
/// What each colour means, the same on every chart of a page, so that a reader learns it once:
/// <list type="bullet">
/// <item>how good a result is: viridis (dark purple worst, yellow-green best), in a heatmap's cells, parallel
/// coordinates and the quarters of a ranking;</item>
/// <item>the value of the key a page colours by: a sequential orange-to-brown ramp for ordered values (light for the
/// smallest), Okabe and Ito's colours for unordered ones (an optimizer's name) and for the sweeps of a comparison;
/// </item>
/// <item>roles: black for what is selected on (validation, a mean, the best so far, the Pareto front), grey for what
/// it summarises (each trial, training).</item>
/// </list>
/// Every palette here reads for people with the common colour-vision deficiencies, and in greyscale but the
/// categorical one, whose entries the legend names.
/// </summary>
public static class Palette
{
    /// <summary>What is chosen on or summarises: validation, a mean ± sd, the best so far, the Pareto front.</summary>
    public const string Summary = "#000000";

    /// <summary>What a summary is made of, and training beside validation.</summary>
    public const string Trial = "#8C8C8C";

    /// <summary>A share no key explains (the importance chart's last bar).</summary>
    public const string Rest = "#C8C8C8";

    /// <summary>The winner's outline on a heatmap: vermillion, apart from viridis at both ends.</summary>
    public const string Winner = "#D55E00";

    private static readonly string[] Categorical = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
        "#000000", "#F0E442"];

    /// <summary>Viridis at 0, 0.1, ..., 1.</summary>
    private static readonly string[] Viridis = ["#440154", "#482475", "#414487", "#355F8D", "#2A788E", "#21918C",
        "#22A884", "#44BF70", "#7AD151", "#BDDF26", "#FDE725"];

    /// <summary>PuOr's orange half, light to dark.</summary>
    private static readonly string[] Oranges = ["#FDB863", "#E08214", "#B35806", "#7F3B08"];

    /// <summary>An unordered value, or a sweep of a comparison; past eight the colours repeat and a chart that needs
    /// more tells its series apart by line pattern too.</summary>
    public static string Category(int index) =>
        Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];

    /// <summary>The <paramref name="index"/>-th of <paramref name="count"/> values of an ordered key, smallest
    /// lightest.</summary>
    public static string Ordered(int index, int count) =>
        Ramp(Oranges, count <= 1 ? 0.5 : Math.Clamp((double)index / (count - 1), 0, 1));

    /// <summary>How good a result is, on viridis: <paramref name="t"/> 0 the worst, 1 the best.</summary>
    public static string Goodness(double t) => Ramp(Viridis, t);

    /// <summary>For a line or a marker on white: viridis short of its palest yellow, which a thin line would
    /// lose.</summary>
    public static string GoodnessOnWhite(double t) => Goodness(0.8 * Math.Clamp(t, 0, 1));

    /// <summary>White to the categorical blue, for a confusion matrix's cells; dark cells get white text.</summary>
    public static (string Fill, string Text) Shade(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return (Mix(0xFFFFFF, 0x08458C, t), t > 0.5 ? "#ffffff" : "#222222");
    }

    /// <summary>Text that reads on a viridis cell: black on the light end, white on the dark.</summary>
    public static string TextOnGoodness(double t) => t > 0.6 ? "#000000" : "#ffffff";

    private static string Ramp(string[] stops, double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0.5, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)t, stops.Length - 2);
        return Mix(Rgb(stops[i]), Rgb(stops[i + 1]), t - i);
    }

    private static int Rgb(string hex) =>
        int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Mix(int from, int to, double t)
    {
        int Channel(int shift) => (int)Math.Round(((from >> shift) & 0xFF) * (1 - t) + ((to >> shift) & 0xFF) * t);
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(16):x2}{Channel(8):x2}{Channel(0):x2}");
    }
}
