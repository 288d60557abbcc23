namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Colours that people with the common colour-vision deficiencies can tell apart: Okabe and Ito's eight, with
/// yellow late (it is faint on white). Past eight, colours repeat with a dash pattern so series stay distinct.
/// </summary>
public static class Palette
{
    private static readonly string[] Categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
        "#000000", "#F0E442"];
    private static readonly string?[] Dashes = [null, "6 3", "2 2", "8 3 2 3"];

    public static string Colour(int index) =>
        Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];

    public static string? Dash(int index) => Dashes[(index / Categorical.Length) % Dashes.Length];

    /// <summary>A sequential scale (viridis, which stays readable in greyscale and for colour-blind readers) at t in
    /// [0, 1].</summary>
    public static string Sequential(double t)
    {
        ReadOnlySpan<(byte R, byte G, byte B)> stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98),
            (253, 231, 37)];
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        double p = t * (stops.Length - 1);
        int i = Math.Min((int)p, stops.Length - 2);
        double f = p - i;
        static int Mix(byte a, byte b, double f) => (int)Math.Round(a + (b - a) * f);
        return $"#{Mix(stops[i].R, stops[i + 1].R, f):x2}{Mix(stops[i].G, stops[i + 1].G, f):x2}" +
            $"{Mix(stops[i].B, stops[i + 1].B, f):x2}";
    }

    /// <summary>White to the palette's blue, for heatmap cells; dark cells get white text.</summary>
    public static (string Fill, string Text) Shade(double t)
    {
        t = Math.Clamp(t, 0, 1);
        int r = (int)Math.Round(255 + (0x08 - 255) * t), g = (int)Math.Round(255 + (0x45 - 255) * t),
            b = (int)Math.Round(255 + (0x8C - 255) * t);
        return ($"#{r:x2}{g:x2}{b:x2}", t > 0.5 ? "#ffffff" : "#222222");
    }
}
