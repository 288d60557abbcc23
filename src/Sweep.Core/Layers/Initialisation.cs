using Sweep.Core.Randomness;

namespace Sweep.Core.Layers;

/// <summary>How a dense layer's weights start. fan_in = I, fan_out = O.</summary>
public enum WeightInit
{
    /// <summary>N(0, 2/fan_in): He et al. 2015, for ReLU stacks.</summary>
    HeNormal,
    /// <summary>U(±sqrt(6/fan_in)).</summary>
    HeUniform,
    /// <summary>U(±sqrt(6/(fan_in+fan_out))): Glorot &amp; Bengio 2010.</summary>
    XavierUniform,
    /// <summary>N(0, 2/(fan_in+fan_out)).</summary>
    XavierNormal,
    /// <summary>N(0, 1/fan_in), i.e. N(0,1)/sqrt(fan_in): LeCun 1998, and Nielsen's default initializer.</summary>
    LecunNormal,
    /// <summary>U(±sqrt(3/fan_in)).</summary>
    LecunUniform,
    /// <summary>N(0, 1): Nielsen's "large weight" initializer, kept to reproduce his first chapter.</summary>
    StandardNormal,
}

/// <summary>How a dense layer's biases start.</summary>
public enum BiasInit
{
    Zero,
    /// <summary>N(0, 1), as in Nielsen's network.py.</summary>
    StandardNormal,
}

public static class Initialisation
{
    private static readonly Dictionary<string, WeightInit> WeightNames = new(StringComparer.Ordinal)
    {
        ["he"] = WeightInit.HeNormal, ["he_normal"] = WeightInit.HeNormal, ["he_uniform"] = WeightInit.HeUniform,
        ["xavier"] = WeightInit.XavierUniform, ["glorot"] = WeightInit.XavierUniform,
            ["xavier_uniform"] = WeightInit.XavierUniform,
        ["glorot_uniform"] = WeightInit.XavierUniform, ["xavier_normal"] = WeightInit.XavierNormal,
            ["glorot_normal"] = WeightInit.XavierNormal,
        ["lecun"] = WeightInit.LecunNormal, ["lecun_normal"] = WeightInit.LecunNormal,
            ["lecun_uniform"] = WeightInit.LecunUniform,
        ["scaled_normal"] = WeightInit.LecunNormal, ["standard_normal"] = WeightInit.StandardNormal,
    };

    private static readonly Dictionary<string, BiasInit> BiasNames = new(StringComparer.Ordinal)
    {
        ["zero"] = BiasInit.Zero, ["zeros"] = BiasInit.Zero, ["standard_normal"] = BiasInit.StandardNormal,
    };

    public static IReadOnlyCollection<string> KnownWeightInits => WeightNames.Keys;
    public static IReadOnlyCollection<string> KnownBiasInits => BiasNames.Keys;
    public static bool TryParseWeight(string name, out WeightInit init) => WeightNames.TryGetValue(name, out init);
    public static bool TryParseBias(string name, out BiasInit init) => BiasNames.TryGetValue(name, out init);

    /// <summary>Fills w[I,O] and b[O]; draws in row-major order so a seed always gives the same network.</summary>
    public static void Fill(Span<float> w, Span<float> b, int inputs, int outputs, WeightInit weightInit,
        BiasInit biasInit, RandomSource random)
    {
        double fanIn = inputs, fanOut = outputs;
        for (int i = 0; i < w.Length; i++)
            w[i] = (float)(weightInit switch
            {
                WeightInit.HeNormal => random.NextGaussian() * Math.Sqrt(2 / fanIn),
                WeightInit.HeUniform => Uniform(random, Math.Sqrt(6 / fanIn)),
                WeightInit.XavierUniform => Uniform(random, Math.Sqrt(6 / (fanIn + fanOut))),
                WeightInit.XavierNormal => random.NextGaussian() * Math.Sqrt(2 / (fanIn + fanOut)),
                WeightInit.LecunNormal => random.NextGaussian() / Math.Sqrt(fanIn),
                WeightInit.LecunUniform => Uniform(random, Math.Sqrt(3 / fanIn)),
                WeightInit.StandardNormal => random.NextGaussian(),
                _ => throw new ArgumentOutOfRangeException(nameof(weightInit)),
            });
        for (int o = 0; o < b.Length; o++)
            b[o] = biasInit == BiasInit.Zero ? 0f : (float)random.NextGaussian();
    }

    private static double Uniform(RandomSource random, double limit) => (random.NextDouble() * 2 - 1) * limit;
}
