namespace Sweep.Core.Metrics;

/// <summary>Counts[true, predicted] over C classes, and the per-class scores read off it.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;

    public ConfusionMatrix(int classes)
    {
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes));
        Classes = classes;
        _counts = new long[classes * classes];
    }

    public int Classes { get; }
    public long Total { get; private set; }

    public long this[int actual, int predicted] => _counts[actual * Classes + predicted];

    public void Add(int actual, int predicted)
    {
        _counts[actual * Classes + predicted]++;
        Total++;
    }

    public long Correct { get { long c = 0; for (int k = 0; k < Classes; k++) c += this[k, k]; return c; } }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Of the samples predicted as c, the fraction that are c (0 when none were predicted c).</summary>
    public double Precision(int c) => Ratio(this[c, c], Column(c));

    /// <summary>Of the samples that are c, the fraction predicted as c.</summary>
    public double Recall(int c) => Ratio(this[c, c], Row(c));

    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public long Support(int c) => Row(c);

    private long Row(int c) { long s = 0; for (int k = 0; k < Classes; k++) s += this[c, k]; return s; }
    private long Column(int c) { long s = 0; for (int k = 0; k < Classes; k++) s += this[k, c]; return s; }
    private static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
}
