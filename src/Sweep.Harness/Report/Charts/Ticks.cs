using System.Globalization;

namespace Sweep.Harness.Report.Charts;

/// <summary>
/// Round tick values for an axis, as plotting libraries choose them: steps of 1, 2 or 5 × 10^k on a linear axis,
/// powers of ten (with 2 and 5 between them when the range is short) on a log axis.
/// </summary>
public static class Ticks
{
    /// <summary>The axis range, widened to round values, and the ticks in it.</summary>
    public static (double Min, double Max, IReadOnlyList<double> Values) Linear(double min, double max, int target = 6)
    {
        if (!(max > min))
        {
            double pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }
        double step = NiceStep((max - min) / Math.Max(1, target - 1));
        double lo = Math.Floor(min / step + 1e-9) * step, hi = Math.Ceiling(max / step - 1e-9) * step;
        var values = new List<double>();
        for (int i = 0; lo + i * step <= hi + step * 1e-6; i++) values.Add(Math.Round(lo + i * step, 12));
        return (lo, hi, values);
    }

    public static (double Min, double Max, IReadOnlyList<double> Values) Log(double min, double max)
    {
        if (!(min > 0)) min = max > 0 ? max / 10 : 1;
        if (!(max > min)) max = min * 10;
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-9), hi = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        if (hi == lo) hi++;
        var values = new List<double>();
        double[] mantissas = hi - lo <= 2 ? [1, 2, 5] : [1];
        for (int k = lo; k <= hi; k++)
            foreach (double m in mantissas)
            {
                double v = m * Math.Pow(10, k);
                if (v >= Math.Pow(10, lo) * 0.999 && v <= Math.Pow(10, hi) * 1.001) values.Add(double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            }
        return (Math.Pow(10, lo), Math.Pow(10, hi), values);
    }

    /// <summary>Tick labels with as many decimals as the step needs, all alike ("0.90", "0.95", "1.00").</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<double> values, AxisScale scale)
    {
        if (scale == AxisScale.Log) return values.Select(v => Label(v, Math.Max(0, -(int)Math.Floor(Math.Log10(v) + 1e-9)))).ToList();
        double step = values.Count > 1 ? values[1] - values[0] : 1;
        int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
        if (Math.Abs(step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9)) - 2.5) < 1e-6) decimals++;
        return values.Select(v => Label(v, decimals)).ToList();
    }

    private static string Label(double v, int decimals) =>
        Math.Abs(v) >= 1e6 || (v != 0 && Math.Abs(v) < 1e-4) ? v.ToString("0.#e0", CultureInfo.InvariantCulture) : v.ToString("F" + decimals, CultureInfo.InvariantCulture);

    private static double NiceStep(double rough)
    {
        double exponent = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / exponent;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * exponent;
    }
}
