using System.Globalization;
using Sweep.Harness.Results;
using YamlDotNet.RepresentationModel;
using static Sweep.Harness.Spec.SpecNodes;

namespace Sweep.Harness.Spec;

/// <summary>
/// Successive halving: every configuration trains to the first rung (an epoch count), the best `Keep` share of
/// configurations (by their mean validation metric over seeds) go on to the next rung, and so on; the survivors of
/// the last rung train to the end. The others stop as `pruned`, evaluated and saved like any other trial.
/// <see cref="Asynchronous"/>: ASHA, a configuration goes on as soon as it is in the best share of those that have
/// reached its rung (Run/AsyncHalving); <see cref="Brackets"/> &gt; 1 runs Hyperband's brackets over it.
/// </summary>
public sealed record HalvingOptions(IReadOnlyList<int> Rungs, double Keep, ValidationMetric Metric, SpecSource Source,
    bool Asynchronous = false, int Brackets = 1)
{
    public static readonly string[] Settings = ["rungs", "keep", "metric", "asynchronous", "brackets"];

    /// <summary>halving: { rungs: [2, 6], keep: 0.5, metric: val_accuracy }</summary>
    /// <param name="program">A program's sweep: its own val_* metrics may cut.</param>
    internal static HalvingOptions? Read(string file, YamlNode node, List<SpecProblem> problems, bool program)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(
                Problem(file, node, "halving",
                "gives rungs: [epochs, ...] and optionally keep: (share kept at each rung) and metric:, e.g.  { " +
                "rungs: [2, 6], keep: 0.5 }"));
            return null;
        }
        List<int>? rungs = null;
        double keep = 0.5;
        var metric = ValidationMetric.Accuracy;
        bool asynchronous = false;
        int brackets = 1;
        YamlNode? bracketsNode = null;
        int before = problems.Count;
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = KeyName(keyNode);
            switch (key)
            {
                case "rungs":
                    rungs = value is YamlSequenceNode seq ? seq.Children.Select(c =>
                        c is YamlScalarNode { Value: { } t } && int.TryParse(t, NumberStyles.Integer,
                        CultureInfo.InvariantCulture, out int e) ? e : 0).ToList() : null;
                    if (rungs is null || rungs.Count == 0 || rungs.Any(r => r <= 0)
                        || rungs.Zip(rungs.Skip(1)).Any(p => p.First >= p.Second))
                        problems.Add(
                            Problem(file, value, "halving.rungs",
                            "must be a list of epoch counts, each larger than the one before, e.g. [2, 6]."));
                    break;
                case "keep":
                    if (!(value is YamlScalarNode { Value: { } k } && double.TryParse(k, NumberStyles.Float,
                        CultureInfo.InvariantCulture, out keep) && keep is > 0 and < 1))
                        problems.Add(
                            Problem(file, value, "halving.keep",
                            "must be a share between 0 and 1 (0.5 keeps the better half at each rung)."));
                    break;
                case "metric":
                    string? named = (value as YamlScalarNode)?.Value;
                    if (!ValidationMetric.TryParse(named, program, out metric))
                        problems.Add(
                            Problem(file, value, "halving.metric",
                            $"unknown metric '{named}'. Known: {ValidationMetric.ChoicesFor(program)}."));
                    break;
                case "asynchronous":
                    if (value is YamlScalarNode { Value: "true" or "false" } flag) asynchronous = flag.Value == "true";
                    else problems.Add(
                        Problem(file, value, "halving.asynchronous",
                        "is true (ASHA: no rung waits for the slowest trial) or false (default)."));
                    break;
                case "brackets":
                    bracketsNode = value;
                    if (!(value is YamlScalarNode { Value: { } b } && int.TryParse(b, NumberStyles.Integer,
                        CultureInfo.InvariantCulture, out brackets) && brackets >= 1))
                        problems.Add(
                            Problem(file, value, "halving.brackets",
                            "must be a whole number ≥ 1 (Hyperband's brackets; 1, the default, is plain halving)."));
                    break;
                default:
                    problems.Add(
                        Problem(file, keyNode, "halving." + key,
                        $"unknown key.{DidYouMean.Suggest(key, Settings)} Keys: {string.Join(", ", Settings)}."));
                    break;
            }
        }
        if (rungs is null && problems.Count == before)
            problems.Add(
                Problem(file, node, "halving.rungs",
                "is required: the epochs after which the field is cut, e.g. [2, 6]."));
        if (bracketsNode is not null && problems.Count == before && (!asynchronous || brackets > rungs!.Count + 1))
            problems.Add(Problem(file, bracketsNode, "halving.brackets", !asynchronous
                ? "Hyperband's brackets run over asynchronous halving: set asynchronous: true too."
                : $"is at most {rungs!.Count + 1} with {rungs.Count} rungs: bracket b starts at rung b, and the last " +
                "trains every configuration to the end."));
        return problems.Count == before ? new HalvingOptions(rungs!, keep, metric, SpecNodes.Source(file, node),
            asynchronous, brackets) : null;
    }
}
