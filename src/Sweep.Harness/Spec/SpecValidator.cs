using Sweep.Core.Optimizers;
using Sweep.Data.Catalogue;

namespace Sweep.Harness.Spec;

/// <summary>
/// Checks that need several keys at once (layer sizes against the data set, loss against output, ...), on every
/// combination the sweep can produce but those it excludes, each problem reported once at the value that causes it.
/// </summary>
internal static class SpecValidator
{
    private const int MaxCombinations = 100_000;

    public static IEnumerable<SpecProblem> Check(string file, IReadOnlyDictionary<string, SpecValue> values,
        IReadOnlyList<SweepFactor> factors,
        IReadOnlyList<ExclusionRule> exclusions, IReadOnlySet<string> invalid, HalvingOptions? halving = null,
        int seeds = 1, bool program = false)
    {
        long combinations = factors.Aggregate(1L,
            (n, f) => Math.Min(n * Math.Max(f.Options.Count, 1), long.MaxValue / 1024));
        if (combinations > MaxCombinations || combinations * seeds > Limits.MaxTrials)
        {
            var at = factors.Count > 0 ? factors[0].Source : new SpecSource(file, 0, 0);
            string key = factors.Count > 0 ? factors[0].Kind.ToString().ToLowerInvariant() : "seeds";
            yield return new SpecProblem(at.File, at.Line, at.Column, key,
                $"the sweep expands to {combinations:N0} combinations × {seeds:N0} seeds = {combinations * seeds:N0} " +
                $"trials; a plan holds at most {Limits.MaxTrials:N0} (docs/sweep-files.md, Limits).");
            yield break;
        }
        var seen = new HashSet<string>();
        int kept = 0;
        foreach (var combo in Combinations(values, factors))
        {
            // An excluded combination never runs, so what would be wrong with it does not matter.
            if (exclusions.Any(rule =>
                rule.Matches(key => combo.TryGetValue(key, out var v) ? v.Value : Schema.TryGet(key,
                out var d) ? d.Default : null))) continue;
            kept++;
            // A program's keys are its own: only it knows which combinations make sense.
            if (program) continue;
            foreach (var problem in CheckOne(file, combo, invalid, halving))
                if (seen.Add(problem.ToString())) yield return problem;
        }
        if (kept == 0 && exclusions.Count > 0)
        {
            var at = exclusions[0].Source;
            yield return new SpecProblem(at.File, at.Line, at.Column, "exclude",
                "leaves no trial to run: every combination matches a rule.");
        }
    }

    /// <summary>The file's values with one option of each factor laid over them, for every combination.</summary>
    private static IEnumerable<Dictionary<string, SpecValue>> Combinations(
        IReadOnlyDictionary<string, SpecValue> values, IReadOnlyList<SweepFactor> factors) =>
        SweepFactor.Product(factors).Select(chosen =>
        {
            var combo = new Dictionary<string, SpecValue>(values);
            foreach (var option in chosen)
                foreach (var (k, v) in option.Values) combo[k] = v;
            return combo;
        });

    private static IEnumerable<SpecProblem> CheckOne(string file, Dictionary<string, SpecValue> c,
        IReadOnlySet<string> invalid, HalvingOptions? halving)
    {
        SpecProblem At(string key, string message)
        {
            var source = c.TryGetValue(key, out var v) ? v.Source : new SpecSource(file, 0, 0);
            return new SpecProblem(source.File, source.Line, source.Column, key, message);
        }
        T? Get<T>(string key) => c.TryGetValue(key, out var v) ? (T)v.Value : Schema.TryGet(key, out var d)
            && d.Default is T t ? t : default;

        bool named = c.ContainsKey("data.dataset"), idx = c.ContainsKey("data.files.train_images")
            || c.ContainsKey("data.files.train_labels"), csv = c.ContainsKey("data.files.csv");
        int sources = (named ? 1 : 0) + (idx ? 1 : 0) + (csv ? 1 : 0);
        if (sources == 0 && !invalid.Any(k => k.StartsWith("data.", StringComparison.Ordinal)))
            yield return At("data.dataset",
                $"is required: name a data set ({string.Join(", ", DatasetCatalogue.Names)}) or give data.files.");
        if (sources > 1)
            yield return At(named ? "data.dataset" : "data.files.csv",
                "give one source of data: data.dataset, data.files.train_images/train_labels, or data.files.csv.");
        if (idx && !(c.ContainsKey("data.files.train_images") && c.ContainsKey("data.files.train_labels")))
            yield return At(c.ContainsKey("data.files.train_images") ? "data.files.train_images"
                : "data.files.train_labels",
                "IDX training data needs both data.files.train_images and data.files.train_labels.");
        if (c.ContainsKey("data.files.test_images") != c.ContainsKey("data.files.test_labels"))
            yield return At(c.ContainsKey("data.files.test_images") ? "data.files.test_images"
                : "data.files.test_labels", "give both data.files.test_images and data.files.test_labels, or neither.");

        DatasetEntry? entry = named && DatasetCatalogue.TryGet(Get<string>("data.dataset")!, out var e) ? e : null;
        if (entry is { HasOfficialTest: true } && c.ContainsKey("data.split.train"))
            yield return At("data.split.train",
                $"{entry.Name} has an official test set; data.split.train applies only to data sets without one. Use " +
                "data.split.validation and data.limit.");

        int[]? layers = Get<int[]>("model.layers"), hidden = Get<int[]>("model.hidden");
        if (layers is not null && hidden is not null)
            yield return At("model.hidden", "give model.layers (all sizes) or model.hidden (hidden sizes), not both.");
        if (layers is { Length: < 2 })
            yield return At("model.layers", "needs at least an input and an output size, e.g. [784, 10].");
        if (entry is not null && layers is { Length: >= 2 })
        {
            if (layers[0] != entry.Features)
                yield return At("model.layers",
                    $"starts with {layers[0]} inputs but {entry.Name} images have {entry.Features} pixels (" +
                    $"{entry.Side}×{entry.Side}).");
            if (layers[^1] != entry.Classes)
                yield return At("model.layers",
                    $"ends with {layers[^1]} outputs but {entry.Name} has {entry.Classes} classes.");
        }
        int hiddenCount = layers is not null ? Math.Max(layers.Length - 2, 0) : hidden?.Length ?? 0;
        if (Get<string[]>("model.activations") is { } acts && acts.Length != hiddenCount)
            yield return At("model.activations", $"lists {acts.Length} activations for {hiddenCount} hidden layers.");

        string loss = Get<string>("train.loss")!, output = Get<string>("model.output")!;
        if (loss == "cross_entropy" && output != "softmax")
            yield return At(c.ContainsKey("model.output") ? "model.output" : "train.loss",
                $"cross_entropy is fused with a softmax output, but model.output is {output}. Use train.loss: mse " +
                $"for a {output} output.");
        if (loss is "mse" or "quadratic" && output == "softmax")
            yield return At(c.ContainsKey("train.loss") ? "train.loss" : "model.output",
                "mse (the quadratic cost) takes an element-wise output such as sigmoid; with softmax use " +
                "cross_entropy.");
        if (c.ContainsKey("train.early_stopping.patience") && Get<double>("data.split.validation") <= 0)
            yield return At("train.early_stopping.patience",
                "early stopping watches validation metrics: set data.split.validation too.");
        if (halving is not null && Get<double>("data.split.validation") <= 0)
            yield return new SpecProblem(halving.Source.File, halving.Source.Line, halving.Source.Column, "halving",
                "ranks configurations on validation metrics: set data.split.validation too.");
        int[]? csvShape = Get<string>("data.files.csv_layout") == "digits8x8" ? [64, 10] : [784, 10];
        if (hidden is not null || layers is { Length: >= 2 })
        {
            // Without a catalogue entry the input size is the CSV layout's (or MNIST's for IDX files, an estimate).
            int[] sizes = layers ?? [entry?.Features ?? csvShape[0], .. hidden!, entry?.Classes ?? csvShape[1]];
            OptimizerNames.TryParse(Get<string>("optimizer.name")!, out var optimizer);
            string sizesKey = layers is not null ? "model.layers" : "model.hidden";
            foreach (var (key, message) in Limits.CheckNetwork(sizesKey, sizes, Get<int>("train.batch_size"),
                Get<double>("train.dropout") > 0, optimizer))
                yield return At(key, message);
        }
        if (halving is not null && halving.Rungs[^1] >= Get<int>("train.epochs"))
            yield return new SpecProblem(halving.Source.File, halving.Source.Line, halving.Source.Column,
                "halving.rungs",
                $"the last rung ({halving.Rungs[^1]}) must come before the last epoch ({Get<int>("train.epochs")}), " +
                "or no trial would ever be cut.");
    }
}
