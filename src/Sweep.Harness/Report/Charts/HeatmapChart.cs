namespace Sweep.Harness.Report.Charts;

/// <summary>A cell of a heatmap, by its row (top first) and column.</summary>
public sealed record HeatmapCell(int Row, int Column);

public enum HeatmapShading
{
    /// <summary>Each cell by its share of its row (a confusion matrix: how a class's samples were predicted).</summary>
    ByRow,
    /// <summary>Every cell on one scale, with a colour bar (a metric over two parameters).</summary>
    Global,
}

/// <summary>A matrix of numbers drawn as coloured cells, each labelled with its text (counts, or a metric).
/// Rows run top to bottom in the given order. Empty cells (NaN) stay blank.</summary>
public sealed record HeatmapChart(string Title, string FileName, string ColumnLabel, string RowLabel,
    IReadOnlyList<string> Columns, IReadOnlyList<string> Rows,
    double[][] Values, string[][] CellText, HeatmapShading Shading = HeatmapShading.ByRow, string? ScaleLabel = null)
    : Chart(Title, FileName)
{
    /// <summary>A cell drawn with a thick outline (a grid's best configuration).</summary>
    public HeatmapCell? Outlined { get; init; }

    /// <summary>For a global scale: lower values are the better ones (a loss), so the colour scale's fine end is at
    /// the bottom.</summary>
    public bool LowerIsBetter { get; init; }

    /// <summary>A confusion matrix: rows actual, columns predicted, cells counted and shaded by row.</summary>
    public static HeatmapChart Confusion(string title, string fileName, IReadOnlyList<string> classes,
        long[][] counts) =>
        new(title, fileName, "predicted", "actual", classes, classes,
            counts.Select(row => row.Select(c => (double)c).ToArray()).ToArray(),
            counts.Select(row => row.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray()).ToArray());
}
