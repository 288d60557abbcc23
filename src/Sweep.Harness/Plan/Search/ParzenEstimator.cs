using Sweep.Core.Randomness;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan.Search;

/// <summary>
/// The density of one key's good (or bad) values in a tree-structured Parzen estimator: a weighted mixture of one
/// kernel per observation and a prior kernel over the whole range. As Optuna's TPE does it (univariate, prior weight
/// 1, "magic clip", no endpoint widths; optuna/samplers/_tpe/parzen_estimator.py): a real or whole-number key gets
/// truncated normal kernels on its scale (the logarithm for log-uniform keys), each as wide as the larger gap to its
/// neighbouring observation, clipped to [range / min(100, n + 2), range]; the prior is centred with the width of
/// the range. A choice key gets, per observation, its choice with weight 1 plus 1/(n + 1) spread over all choices.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly SearchDimension _dimension;
    private readonly double[] _weights;
    private readonly double[] _mus = [], _sigmas = [];
    private readonly double[] _choiceProbabilities = [];
    private readonly double _low, _high, _half;

    /// <summary>Per kernel, what does not depend on x: log(weight / (σ·√(2π)·mass)) for a real key, log(weight /
    /// mass) for a whole-number key (its bin's mass is computed per x).</summary>
    private readonly double[] _logScale = [];

    /// <param name="observations">Values on the key's scale (choice keys: the choice's index), oldest first.</param>
    public ParzenEstimator(SearchDimension dimension, IReadOnlyList<double> observations)
    {
        _dimension = dimension;
        int n = observations.Count;
        _weights = [.. ObservationWeights(n), 1.0];
        double total = _weights.Sum();
        for (int i = 0; i < _weights.Length; i++) _weights[i] /= total;

        if (dimension.IsChoice)
        {
            int choices = dimension.Choices.Count;
            _choiceProbabilities = new double[choices];
            double spread = 1.0 / (n + 1);
            for (int i = 0; i <= n; i++)
            {
                // Observation i's kernel: its choice plus the prior's share everywhere, normalised; the prior's own is
                // uniform.
                double rowTotal = i < n ? 1 + spread * choices : spread * choices;
                for (int c = 0; c < choices; c++)
                {
                    double mass = spread + (i < n && (int)observations[i] == c ? 1 : 0);
                    _choiceProbabilities[c] += _weights[i] * mass / rowTotal;
                }
            }
            return;
        }

        // A whole number's value v stands for [v - 0.5, v + 0.5]: the range widens by one step.
        double step = dimension.Kind == DistributionKind.Int ? 1 : 0;
        _half = step / 2;
        double low = dimension.ToScale(dimension.Low), high = dimension.ToScale(dimension.High);
        _low = low - _half;
        _high = high + _half;
        double width = high - low + step;
        _mus = [.. observations, 0.5 * (low + high)];
        _sigmas = new double[n + 1];
        var order = Enumerable.Range(0, n + 1).OrderBy(i => _mus[i]).ThenBy(i => i).ToArray();
        var sorted = order.Select(i => _mus[i]).ToArray();
        for (int k = 0; k <= n; k++)
        {
            double left = sorted[k] - (k == 0 ? _low : sorted[k - 1]);
            double right = (k == n ? _high : sorted[k + 1]) - sorted[k];
            double sigma = Math.Max(left, right);
            // Without endpoint widths: the outermost kernels take the gap to their inner neighbour.
            if (n >= 1 && k == 0) sigma = sorted[1] - sorted[0];
            if (n >= 1 && k == n) sigma = sorted[n] - sorted[n - 1];
            _sigmas[order[k]] = sigma;
        }
        double minSigma = width / Math.Min(100.0, n + 2.0);
        for (int i = 0; i < n; i++) _sigmas[i] = Math.Clamp(_sigmas[i], minSigma, width);
        _sigmas[n] = width;
        _logScale = new double[n + 1];
        for (int i = 0; i <= n; i++)
            _logScale[i] = Math.Log(_weights[i]) - Math.Log(TruncatedNormal.Mass(_mus[i], _sigmas[i], _low, _high))
                - (_half > 0 ? 0 : Math.Log(_sigmas[i]) + TruncatedNormal.LogSqrt2Pi);
    }

    /// <summary>Optuna's default weights: equal for up to 25 observations; beyond, the oldest fade linearly from
    /// 1/n to 1 and the newest 25 weigh 1.</summary>
    public static double[] ObservationWeights(int n)
    {
        if (n < 25) return Enumerable.Repeat(1.0, n).ToArray();
        var weights = new double[n];
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) weights[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
        for (int i = ramp; i < n; i++) weights[i] = 1;
        return weights;
    }

    /// <summary>A draw: a choice index, or a value on the key's scale (whole numbers rounded).</summary>
    public double Sample(RandomSource rng)
    {
        double u = rng.NextDouble();
        if (_dimension.IsChoice) return Pick(_choiceProbabilities, u);
        int k = Pick(_weights, u);
        double x = TruncatedNormal.Sample(rng, _mus[k], _sigmas[k], _low, _high);
        return _dimension.Kind == DistributionKind.Int ? Math.Clamp(Math.Round(x), _dimension.Low, _dimension.High) : x;
    }

    public double LogPdf(double x)
    {
        if (_dimension.IsChoice) return Math.Log(_choiceProbabilities[(int)x]);
        // log Σ w·k(x), relative to the largest term so that no term underflows alone.
        var terms = _mus.Length <= 256 ? stackalloc double[_mus.Length] : new double[_mus.Length];
        double max = double.NegativeInfinity;
        for (int i = 0; i < terms.Length; i++)
        {
            double z = (x - _mus[i]) / _sigmas[i];
            terms[i] = _logScale[i]
                + (_half > 0 ? TruncatedNormal.LogBinMass(x, _half, _mus[i], _sigmas[i]) : -0.5 * z * z);
            if (terms[i] > max) max = terms[i];
        }
        double sum = 0;
        foreach (double t in terms) sum += Math.Exp(t - max);
        return max + Math.Log(sum);
    }

    private static int Pick(double[] probabilities, double u)
    {
        for (int i = 0; i < probabilities.Length - 1; i++)
        {
            u -= probabilities[i];
            if (u < 0) return i;
        }
        return probabilities.Length - 1;
    }
}
