namespace Sweep.Harness.Report.Charts;

/// <summary>Every trial as a line across one vertical axis per parameter and a last axis for the result, coloured
/// by the result, so the settings shared by the best trials line up.</summary>
public sealed record ParallelCoordinatesChart(string Title, string FileName, IReadOnlyList<ParallelAxis> Axes,
    IReadOnlyList<double[]> Lines, string ColourLabel)
    : Chart(Title, FileName)
{
    /// <summary>The result is a loss: its low values are the good ones, coloured and drawn as the best.</summary>
    public bool LowerIsBetter { get; init; }
}

/// <summary>One vertical axis; categorical when <see cref="Categories"/> is given (values are category
/// indices).</summary>
public sealed record ParallelAxis(string Label, AxisScale Scale = AxisScale.Linear,
    IReadOnlyList<string>? Categories = null);
