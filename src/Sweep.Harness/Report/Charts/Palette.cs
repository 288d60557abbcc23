namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Colours that people with the common colour-vision deficiencies can tell apart: Okabe and Ito's eight, with
/// yellow late (it is faint on white). Past eight they repeat: a chart that needs more tells its series apart by
/// line pattern too.
/// </summary>
public static class Palette
{
    private static readonly string[] Categorical = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
        "#000000", "#F0E442"];

    public static string Colour(int index) =>
        Categorical[((index % Categorical.Length) + Categorical.Length) % Categorical.Length];

    /// <summary>White to the palette's blue, for heatmap cells; dark cells get white text.</summary>
    public static (string Fill, string Text) Shade(double t)
    {
        t = Math.Clamp(t, 0, 1);
        int r = (int)Math.Round(255 + (0x08 - 255) * t), g = (int)Math.Round(255 + (0x45 - 255) * t),
            b = (int)Math.Round(255 + (0x8C - 255) * t);
        return ($"#{r:x2}{g:x2}{b:x2}", t > 0.5 ? "#ffffff" : "#222222");
    }
}
