using System.Globalization;
using Sweep.Harness.Results;
using YamlDotNet.RepresentationModel;
using static Sweep.Harness.Spec.SpecNodes;

namespace Sweep.Harness.Spec;

/// <summary>
/// `search:`: a search that proposes whole configurations, `count` of them, from `seed`. `method: random` draws each
/// independently; `method: tpe` starts with `startup` random draws and then proposes `batch` configurations at a time
/// from the results so far (Plan/Search/TpeSampler). `metric` is the validation metric it optimises (the sweep's
/// `select:` when not given). The keys beside these settings are the search space, as in `random:`.
/// </summary>
public sealed record SearchOptions(string Method, int Count, ulong Seed, ValidationMetric? Metric, int Startup,
    int Batch, IReadOnlyList<SearchDimension> Space, SpecSource Source)
{
    public static readonly string[] Methods = ["random", "tpe"];
    public static readonly string[] Settings = ["method", "count", "seed", "metric", "startup", "batch"];

    /// <summary>Optuna's default number of random start-up trials.</summary>
    public const int DefaultStartup = 10;

    /// <summary>Proposals per batch: a fixed number, so that what is proposed never depends on --parallel.</summary>
    public const int DefaultBatch = 4;

    public bool IsModelBased => Method == "tpe";

    /// <summary>The metric the search optimises: its own, or the sweep's selection metric.</summary>
    public ValidationMetric MetricOr(ValidationMetric select) => Metric ?? select;

    internal static SearchOptions? Read(string file, YamlNode node, List<SpecProblem> problems, KeySet keys)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, "search",
                "gives method: (random or tpe), count:, and a distribution per key, " +
                "e.g.  optimizer.lr: { loguniform: [0.0001, 0.1] }"));
            return null;
        }
        var options = new SearchOptions("tpe", 0, 0, null, DefaultStartup, DefaultBatch, [],
            SpecNodes.Source(file, node));
        int before = problems.Count;
        var space = FactorReader.Space(file, mapping, "search", Settings, problems, keys, (name, value) =>
        {
            string text = (value as YamlScalarNode)?.Value ?? "";
            if (Apply(options, name, text, keys == KeySet.Program, out string? problem) is { } changed)
                options = changed;
            else problems.Add(Problem(file, value, "search." + name, problem!));
        });
        if (options.Count == 0 && !problems.Any(p => p.Key == "search.count"))
            problems.Add(Problem(file, node, "search.count", "is required: how many configurations to try."));
        return problems.Count > before || space is null ? null : options with { Space = space };
    }

    /// <summary>One setting, from the file or from the command line (`search.seed=3`): the changed options, or null
    /// with the problem.</summary>
    /// <param name="program">A program's sweep: its own val_* metrics may be optimised.</param>
    internal static SearchOptions? Apply(SearchOptions options, string name, string text, bool program,
        out string? problem)
    {
        problem = null;
        long n = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : -1;
        switch (name)
        {
            case "method" when Methods.Contains(text): return options with { Method = text };
            case "method":
                problem = $"'{text}' is not a search method. Known: {string.Join(", ", Methods)}.";
                return null;
            case "metric" when ValidationMetric.TryParse(text, program, out var metric):
                return options with { Metric = metric };
            case "metric":
                problem = $"names the validation metric to optimise: {ValidationMetric.ChoicesFor(program)}.";
                return null;
            case "count" when n is > 0 and <= FactorReader.MaxRandomCount: return options with { Count = (int)n };
            case "count": problem = $"must be a whole number from 1 to {FactorReader.MaxRandomCount:N0}."; return null;
            case "seed" when n >= 0: return options with { Seed = (ulong)n };
            case "startup" when n is >= 1 and <= FactorReader.MaxRandomCount: return options with { Startup = (int)n };
            case "batch" when n is >= 1 and <= 1000: return options with { Batch = (int)n };
            case "batch":
                problem = "must be a whole number from 1 to 1,000: how many configurations are proposed at once.";
                return null;
            default: problem = "must be a whole number ≥ " + (name == "seed" ? "0." : "1."); return null;
        }
    }
}
