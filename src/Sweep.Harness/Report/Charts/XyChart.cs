namespace Sweep.Harness.Report.Charts;

/// <summary>Lines, markers, bands and error bars on two axes: learning curves, accuracy against a parameter,
/// ranked configurations (categorical x), accuracy against time.</summary>
public sealed record XyChart(string Title, string FileName, Axis X, Axis Y, IReadOnlyList<Series> Series, string? LegendTitle = null)
    : Chart(Title, FileName);

public enum AxisScale { Linear, Log }

/// <summary>An axis. With <see cref="Categories"/> the x values are category positions 0, 1, 2, ...</summary>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null);

public enum Uncertainty { None, Band, ErrorBars }

/// <summary>One series. Points with Low/High get a band or error bars; a null label keeps it out of the legend
/// (several series coloured by the same parameter value share one entry).</summary>
public sealed record Series(string? Label, int Colour, IReadOnlyList<DataPoint> Points, bool Line = true, bool Markers = false, Uncertainty Uncertainty = Uncertainty.None);

public readonly record struct DataPoint(double X, double Y, double? Low = null, double? High = null);
