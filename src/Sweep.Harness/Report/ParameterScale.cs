using System.Globalization;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Report;

/// <summary>
/// How a varying parameter is laid along an axis: numbers on a linear axis, or a log axis when they are positive and
/// span a factor of 10 or more (learning rates); anything else (widths like [64, 32], optimizer names) as categories
/// in plan order.
/// </summary>
internal sealed class ParameterScale
{
    private readonly List<string> _categories = [];

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
        }
        else _categories = distinct;
    }

    public string Key { get; }
    public bool IsNumeric { get; }
    public AxisScale Scale { get; }
    public IReadOnlyList<string>? Categories => IsNumeric ? null : _categories;

    public double Position(string value) => IsNumeric ? double.Parse(value, NumberStyles.Float,
        CultureInfo.InvariantCulture) : _categories.IndexOf(value);

    public Axis Axis() => new(Key, Scale, Categories);

    public ParallelAxis ParallelAxis() => new(Key, Scale, Categories);
}
