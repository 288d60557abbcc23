using System.Globalization;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Report;

/// <summary>
/// How a varying parameter is laid along an axis: numbers on a linear axis, or a log axis when they are positive and
/// span a factor of 10 or more (learning rates); anything else (widths like [64, 32], optimizer names) as categories
/// in plan order. Built from the trials in plan order (summary.csv's), not from configurations ranked best first.
/// </summary>
internal sealed class ParameterScale
{
    public ParameterScale(string key, IEnumerable<string> values)
    {
        Key = key;
        var distinct = values.Distinct().ToList();
        var numbers =
            distinct.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture,
            out double d) ? d : (double?)null).ToList();
        IsNumeric = distinct.Count > 0 && numbers.All(n => n is not null && double.IsFinite(n.Value));
        if (IsNumeric)
        {
            var xs = numbers.Select(n => n!.Value).ToList();
            Scale = xs.Min() > 0 && xs.Max() / xs.Min() >= 10 ? AxisScale.Log : AxisScale.Linear;
            _values = distinct.Zip(xs).OrderBy(p => p.Second).Select(p => p.First).ToList();
        }
        else _values = distinct;
    }

    /// <summary>
    /// The distinct values in the axis's order: numbers ascending, anything else in plan order, which is the order
    /// the sweep file lists them in ([64], [64, 64], [64, 64, 64, 64] by depth, not as text sorts them). A heatmap's
    /// columns and an interaction's lines follow it, so every chart of the page reads a key the same way.
    /// </summary>
    public IReadOnlyList<string> Values => _values;

    private readonly List<string> _values;

    public string Key { get; }
    public bool IsNumeric { get; }
    public AxisScale Scale { get; }
    public IReadOnlyList<string>? Categories => IsNumeric ? null : Values;

    public double Position(string value) => IsNumeric ? double.Parse(value, NumberStyles.Float,
        CultureInfo.InvariantCulture) : _values.IndexOf(value);

    public Axis Axis() => new(Key, Scale, Categories);

    public ParallelAxis ParallelAxis() => new(Key, Scale, Categories);
}
