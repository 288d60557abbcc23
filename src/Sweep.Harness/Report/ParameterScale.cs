using System.Globalization;
using Sweep.Harness.Report.Charts;

namespace Sweep.Harness.Report;

/// <summary>
/// How a varying parameter is laid along an axis. Numbers drawn by a search are laid as they were drawn: log-uniform
/// on a log axis, uniform or whole numbers on a linear one. Other numbers (a grid's) go on a log axis when they are
/// positive and spaced by ratios (0.1, 0.03, 0.01; 16, 32, 64), linear when spaced by differences (0, 0.2, 0.4),
/// and otherwise log when they span a factor of 10. Anything else (widths like [64, 32], optimizer names) is
/// categories in plan order. Built from the trials in plan order (summary.csv's), not from configurations ranked
/// best first.
/// </summary>
internal sealed class ParameterScale
{
    /// <param name="distribution">How a search drew the key (uniform, loguniform, int, choice); null for a grid's
    /// values.</param>
    public ParameterScale(string key, IEnumerable<string> values, string? distribution = null)
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
            Scale = distribution switch
            {
                "loguniform" => AxisScale.Log,
                "uniform" or "int" => AxisScale.Linear,
                _ => ScaleOf(xs),
            };
            _values = distinct.Zip(xs).OrderBy(p => p.Second).Select(p => p.First).ToList();
        }
        else _values = distinct;
        _index = _values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Grid values: log when positive and spaced by ratios, linear when spaced by differences, else log
    /// only across a factor of 10.</summary>
    private static AxisScale ScaleOf(List<double> values)
    {
        var xs = values.Order().ToList();
        if (xs[0] <= 0) return AxisScale.Linear;
        if (xs.Count >= 3)
        {
            var differences = xs.Zip(xs.Skip(1), (a, b) => b - a).ToList();
            var ratios = xs.Zip(xs.Skip(1), (a, b) => b / a).ToList();
            if (differences.Max() <= differences.Min() * 1.01) return AxisScale.Linear;
            if (ratios.Min() >= 1.5 && ratios.Max() <= ratios.Min() * 1.7) return AxisScale.Log;
        }
        return xs[^1] / xs[0] >= 10 ? AxisScale.Log : AxisScale.Linear;
    }

    /// <summary>
    /// The distinct values in the axis's order: numbers ascending, anything else in plan order, which is the order
    /// the sweep file lists them in ([64], [64, 64], [64, 64, 64, 64] by depth, not as text sorts them). A heatmap's
    /// columns and an interaction's lines follow it, so every chart of the page reads a key the same way.
    /// </summary>
    public IReadOnlyList<string> Values => _values;

    private readonly List<string> _values;

    /// <summary>Each value's place in <see cref="Values"/>: a search's key has a value per configuration, and every
    /// configuration asks.</summary>
    private readonly Dictionary<string, int> _index;

    /// <summary>A value's place in <see cref="Values"/>; -1 for one the scale was not built from.</summary>
    public int IndexOf(string value) => _index.GetValueOrDefault(value, -1);

    public string Key { get; }
    public bool IsNumeric { get; }
    public AxisScale Scale { get; }
    public IReadOnlyList<string>? Categories => IsNumeric ? null : Values;

    /// <summary>Whether the values have an order a sequential palette can show: numbers, and lists of them (widths
    /// [16], [32, 16], in the order the sweep file gives them).</summary>
    public bool IsOrdered => IsNumeric || _values.All(v => v.StartsWith('['));

    /// <summary>A value's colour wherever the page colours by this key: light to dark in order, or the categorical
    /// palette for names.</summary>
    public string Colour(string value) => IsOrdered ? Palette.Ordered(IndexOf(value), _values.Count)
        : Palette.Category(IndexOf(value));

    public double Position(string value) => IsNumeric ? double.Parse(value, NumberStyles.Float,
        CultureInfo.InvariantCulture) : IndexOf(value);

    public Axis Axis() => new(Key, Scale, Categories);

    public ParallelAxis ParallelAxis() => new(Key, Scale, Categories);
}
