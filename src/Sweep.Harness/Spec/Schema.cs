using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Optimizers;
using Sweep.Data.Catalogue;

namespace Sweep.Harness.Spec;

/// <summary>
/// Every key a trial's configuration has, with its type and default: the single source for validation, defaults
/// and the schema table in docs/sweep-files.md.
/// </summary>
public static class Schema
{
    private static string? Positive(object v) => Convert.ToDouble(v) > 0 ? null : "must be greater than 0";
    private static string? NonNegative(object v) => Convert.ToDouble(v) >= 0 ? null : "must not be negative";
    private static string? Unit(object v) => Convert.ToDouble(v) is >= 0 and < 1 ? null : "must lie in [0, 1)";
    private static Func<object, string?> UpTo(int max) => v => Convert.ToDouble(v) switch
    {
        <= 0 => "must be greater than 0",
        var x when x > max => $"is more than {max:N0}, the limit (docs/sweep-files.md, Limits)",
        _ => null,
    };
    private static string? Sizes(object v) => ((int[])v) switch
    {
        [] => "must list at least one size",
        var l when l.Any(x => x <= 0) => "sizes must be positive",
        var l when l.Length > Limits.MaxLayers =>
            $"lists {l.Length} sizes; a network has at most {Limits.MaxLayers} layers (docs/sweep-files.md, Limits)",
        var l when l.Any(x => x > Limits.MaxWidth) =>
            $"has a layer of {l.Max():N0} units; a layer has at most {Limits.MaxWidth:N0} (docs/sweep-files.md, " +
            "Limits)",
        _ => null,
    };

    /// <summary>What train.early_stopping.metric, `select:`, halving and a search may name
    /// (<see cref="Results.ValidationMetric"/>).</summary>
    public static readonly string[] ValidationMetrics = [.. Results.ValidationMetric.Known.Select(m => m.Name)];
    /// <summary>Training share of a data set without an official test split, when data.split.train is not
    /// given.</summary>
    public const double DefaultTrainShare = 0.8;
    public static readonly string[] ScheduleKinds = ["constant", "step", "exponential", "cosine"];
    public static readonly string[] CsvLayouts = ["digits8x8", "label_first"];

    public static IReadOnlyList<KeyDefinition> Keys { get; } =
    [
        new("data.dataset", KeyKind.Choice, null, "catalogue data set (or give data.files.*)",
            [.. DatasetCatalogue.Names]),
        new("data.files.train_images", KeyKind.Text, null, "IDX training images, by path (relative to the sweep file)"),
        new("data.files.train_labels", KeyKind.Text, null, "IDX training labels"),
        new("data.files.test_images", KeyKind.Text, null, "IDX test images (optional)"),
        new("data.files.test_labels", KeyKind.Text, null, "IDX test labels (optional)"),
        new("data.files.csv", KeyKind.Text, null, "a CSV of images, by path"),
        new("data.files.csv_layout", KeyKind.Choice, "label_first",
            "digits8x8 (64 values then label) or label_first (header, label, 784 pixels)", CsvLayouts),
        new("data.split.train", KeyKind.Float, null,
            $"without an official test set: training samples (count, or fraction < 1; {DefaultTrainShare} when not " +
            "given); the rest test", Check: Positive),
        new("data.split.validation", KeyKind.Float, 0.0,
            "validation samples carved from training (count, or fraction < 1)", Check: NonNegative),
        new("data.split.seed", KeyKind.Int, 0,
            "the seed of the split: every trial of the sweep gets the same train, validation and test samples",
            Check: NonNegative),
        new("data.split.per_seed", KeyKind.Bool, false,
            "draw a new split for each trial seed, so that split noise enters the spread over seeds"),
        new("data.limit", KeyKind.Int, null, "at most this many training samples", Check: Positive),
        new("data.standardise", KeyKind.Bool, false,
            "per-pixel mean/std from the training split, after scaling to [0,1]"),
        new("model.layers", KeyKind.IntList, null, "all layer sizes, e.g. [784, 128, 10] (or give model.hidden)",
            Check: Sizes),
        new("model.hidden", KeyKind.IntList, null, "hidden layer sizes; input and output come from the data set",
            Check: Sizes),
        new("model.activation", KeyKind.Choice, "relu", "hidden activation",
            [.. ActivationNames.Known.Where(n => n != "softmax")]),
        new("model.activations", KeyKind.ChoiceList, null, "one hidden activation per hidden layer",
            [.. ActivationNames.Known.Where(n => n != "softmax")]),
        new("model.output", KeyKind.Choice, "softmax", "output activation", [.. ActivationNames.Known]),
        new("model.init", KeyKind.Choice, "he", "weight initialisation", [.. Initialisation.KnownWeightInits]),
        new("model.bias_init", KeyKind.Choice, "zero", "bias initialisation", [.. Initialisation.KnownBiasInits]),
        new("train.epochs", KeyKind.Int, 10, "epochs to train", Check: UpTo(Limits.MaxEpochs)),
        new("train.batch_size", KeyKind.Int, 32, "mini-batch size", Check: UpTo(Limits.MaxBatchSize)),
        new("train.loss", KeyKind.Choice, "cross_entropy", "loss", [.. LossNames.Known]),
        new("train.dropout", KeyKind.Float, 0.0, "drop probability of hidden units while training", Check: Unit),
        new("train.clip_norm", KeyKind.Float, null, "clip the global gradient norm to this", Check: Positive),
        new("train.early_stopping.metric", KeyKind.Choice, "val_accuracy", "metric watched for early stopping",
            ValidationMetrics),
        new("train.early_stopping.patience", KeyKind.Int, null, "stop after this many epochs without improvement",
            Check: Positive),
        new("train.early_stopping.restore_best", KeyKind.Bool, true,
            "test and save the best epoch's weights (false: the last epoch's)"),
        new("train.time_limit", KeyKind.Duration, null, "stop a trial after this long (e.g. 90s, 10m, 2h)",
            Check: Positive),
        new("optimizer.name", KeyKind.Choice, "adam", "optimizer", [.. OptimizerNames.Known]),
        new("optimizer.lr", KeyKind.Float, 0.001, "learning rate", Check: Positive),
        new("optimizer.momentum", KeyKind.Float, 0.9, "momentum (optimizer momentum)", Check: Unit),
        new("optimizer.nesterov", KeyKind.Bool, false, "Nesterov momentum"),
        new("optimizer.beta1", KeyKind.Float, 0.9, "Adam β₁", Check: Unit),
        new("optimizer.beta2", KeyKind.Float, 0.999, "Adam β₂", Check: Unit),
        new("optimizer.eps", KeyKind.Float, 1e-8, "ε of Adam, RMSprop, Adagrad", Check: Positive),
        new("optimizer.rho", KeyKind.Float, 0.9, "RMSprop decay", Check: Unit),
        new("optimizer.weight_decay", KeyKind.Float, 0.0, "L2 penalty (decoupled for adamw)", Check: NonNegative),
        new("optimizer.schedule.kind", KeyKind.Choice, "constant", "learning-rate schedule", ScheduleKinds),
        new("optimizer.schedule.step_epochs", KeyKind.Int, 10, "step: epochs between decays", Check: Positive),
        new("optimizer.schedule.gamma", KeyKind.Float, 0.1, "step/exponential: decay factor", Check: Positive),
        new("optimizer.schedule.min_lr", KeyKind.Float, 0.0, "cosine: final rate", Check: NonNegative),
        new("optimizer.schedule.warmup_epochs", KeyKind.Int, 0, "linear warm-up epochs", Check: NonNegative),
    ];

    private static readonly Dictionary<string, KeyDefinition> ByPath = Keys.ToDictionary(k => k.Path);

    /// <summary>Keys of the file itself, outside any trial's configuration.</summary>
    public static readonly string[] TopLevel = ["name", "description", "extends", "select", "seeds", "grid", "zip",
        "variants", "random", "search", "exclude", "halving", "data", "model", "train", "optimizer", "program",
        "params"];

    public static bool TryGet(string path, out KeyDefinition key) => ByPath.TryGetValue(path, out key!);

    /// <summary>Known dotted paths and the section names above them, for "did you mean".</summary>
    public static IEnumerable<string> AllPaths => Keys.Select(k => k.Path);

    public static bool IsSection(string path) => Keys.Any(k => k.Path.StartsWith(path + ".", StringComparison.Ordinal));
}
