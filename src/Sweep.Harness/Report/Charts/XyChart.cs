namespace Sweep.Harness.Report.Charts;

/// <summary>Lines, markers, bands and error bars on two axes: learning curves, a metric against a parameter, ranked
/// configurations (categorical x), accuracy against time. <see cref="Marks"/> are vertical lines with a label
/// (successive halving's rungs).</summary>
public sealed record XyChart(string Title, string FileName, Axis X, Axis Y, IReadOnlyList<Series> Series,
    IReadOnlyList<Mark>? Marks = null)
    : Chart(Title, FileName);

public enum AxisScale { Linear, Log }

/// <summary>An axis. With <see cref="Categories"/> the x values are category positions 0, 1, 2, ...; with
/// <see cref="Whole"/> only whole numbers get ticks (epochs); <see cref="Max"/> caps the range (accuracy at
/// 1); <see cref="Min"/> starts it there (a share from 0, so bars compare by length).</summary>
public sealed record Axis(string Label, AxisScale Scale = AxisScale.Linear, IReadOnlyList<string>? Categories = null,
    bool Whole = false, double? Max = null, double? Min = null);

public enum Uncertainty { None, Band, ErrorBars }

/// <summary>A marker's shape; <see cref="Hollow"/> is a result on a partial budget (a configuration halving
/// stopped early), not comparable with the full ones beside it.</summary>
public enum MarkerKind { Circle, Cross, Hollow }

/// <summary>One series, in a colour from <see cref="Palette"/> ("#rrggbb"). Points with Low/High get a band or error
/// bars; a null label keeps it out of the legend (several series coloured by the same parameter value share one
/// entry); a series without points but with a label is a legend entry alone (what a line pattern means).
/// <see cref="Style"/> picks the line pattern (0 solid, 1 dashed, 2 dotted, 3 densely dashed), so that a second
/// parameter can be told apart within one colour. <see cref="Bars"/> draws each point as a bar from 0 instead (a share
/// per key). The legend lists entries by <see cref="LegendOrder"/> (a key's values in order), whatever order the
/// series are drawn in (the best last, on top).</summary>
public sealed record Series(string? Label, string Colour, IReadOnlyList<DataPoint> Points, bool Line = true,
    bool Markers = false,
    Uncertainty Uncertainty = Uncertainty.None, int Style = 0, MarkerKind Shape = MarkerKind.Circle,
    bool Bars = false, int LegendOrder = 0);

public readonly record struct DataPoint(double X, double Y, double? Low = null, double? High = null);

/// <summary>A vertical line across the plot at <see cref="At"/> on the x axis.</summary>
public sealed record Mark(double At, string Label);
