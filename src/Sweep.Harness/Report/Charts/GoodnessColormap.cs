using ScottPlot;

namespace Sweep.Harness.Report.Charts;

/// <summary><see cref="Palette.Goodness"/> as a ScottPlot colour map, for colour bars and cells: the best end yellow
/// whether the metric is an accuracy (high values) or a loss (low values, <paramref name="lowerIsBetter"/>).</summary>
internal sealed class GoodnessColormap(bool lowerIsBetter) : IColormap
{
    public string Name => lowerIsBetter ? "viridis (reversed: lower is better)" : "viridis";

    /// <param name="position">0 at the bottom of the colour bar (the lowest value), 1 at the top.</param>
    public Color GetColor(double position) => Color.FromHex(Palette.Goodness(Goodness(position)));

    /// <summary>How good a value at <paramref name="position"/> of the range is, 0 worst to 1 best.</summary>
    public double Goodness(double position) => lowerIsBetter ? 1 - position : position;
}
