using Sweep.Core.Layers;
using Sweep.Core.Losses;
using Sweep.Core.Models;
using Sweep.Core.Optimizers;
using Sweep.Core.Training;
using Sweep.Data.Catalogue;
using Sweep.Data.Formats;
using Sweep.Data.Splits;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Plan;

/// <summary>Where a trial's data comes from: a catalogue name, IDX files, or a CSV (paths already absolute).</summary>
public sealed record DataSourceSettings(DatasetEntry? Entry, string? TrainImages, string? TrainLabels,
    string? TestImages, string? TestLabels, string? Csv, CsvImageLayout? CsvLayout);

/// <summary>A trial's configuration as the core and data layers take it: typed, validated, nothing left to
/// parse.</summary>
public sealed record TrialSettings(
    DataSourceSettings Data,
    SplitOptions Split,
    int[]? Layers,
    int[]? Hidden,
    Activation[] HiddenActivations,
    Activation Output,
    WeightInit WeightInit,
    BiasInit BiasInit,
    int Epochs,
    TrainingOptions Training,
    Results.ValidationMetric EarlyStoppingMetric,
    int? Patience,
    bool RestoreBest,
    double? TimeLimitSeconds,
    ulong Seed,
    ulong SplitSeed)
{
    /// <summary>Layer sizes for a data set with this many features and classes.</summary>
    public NetworkArchitecture Architecture(int features, int classes)
    {
        int[] sizes = Layers ?? [features, .. Hidden ?? [], classes];
        var activations = new Activation[sizes.Length - 1];
        for (int l = 0; l < activations.Length - 1; l++)
            activations[l] = HiddenActivations.Length == 1 ? HiddenActivations[0] : HiddenActivations[l];
        activations[^1] = Output;
        return new NetworkArchitecture(sizes, activations);
    }

    public static TrialSettings From(TrialPlan trial, string sweepFolder)
    {
        var c = trial.Config;
        T Get<T>(string key) => (T)c[key]!;
        T? Maybe<T>(string key) where T : struct => c[key] is T t ? t : null;
        string? PathOf(string key) => c[key] is string p ? Path.GetFullPath(Path.Combine(sweepFolder, p)) : null;

        DatasetEntry? entry = c["data.dataset"] is string name && DatasetCatalogue.TryGet(name, out var e) ? e : null;
        var data = new DataSourceSettings(entry, PathOf("data.files.train_images"), PathOf("data.files.train_labels"),
            PathOf("data.files.test_images"),
            PathOf("data.files.test_labels"), PathOf("data.files.csv"),
            Get<string>("data.files.csv_layout") == "digits8x8" ? CsvImageLayout.Digits8x8
            : CsvImageLayout.LabelThenPixels28);
        var split = new SplitOptions(Maybe<double>("data.split.train") ?? Schema.DefaultTrainShare,
            Get<double>("data.split.validation"), Maybe<int>("data.limit"), Get<bool>("data.standardise"));

        Activation Act(string n) => ActivationNames.TryParse(n, out var a) ? a
            : throw new InvalidOperationException($"unvalidated activation {n}");
        var hiddenActs = c["model.activations"] is string[] list ? list.Select(Act)
            .ToArray() : [Act(Get<string>("model.activation"))];
        Initialisation.TryParseWeight(Get<string>("model.init"), out var weightInit);
        Initialisation.TryParseBias(Get<string>("model.bias_init"), out var biasInit);
        LossNames.TryParse(Get<string>("train.loss"), out var loss);
        OptimizerNames.TryParse(Get<string>("optimizer.name"), out var optimizer);
        int epochs = Get<int>("train.epochs");
        var schedule = new LearningRateSchedule
        {
            Kind = Enum.Parse<ScheduleKind>(Get<string>("optimizer.schedule.kind"), ignoreCase: true),
            BaseRate = (float)Get<double>("optimizer.lr"),
            StepEpochs = Get<int>("optimizer.schedule.step_epochs"),
            Gamma = (float)Get<double>("optimizer.schedule.gamma"),
            MinRate = (float)Get<double>("optimizer.schedule.min_lr"),
            WarmupEpochs = Get<int>("optimizer.schedule.warmup_epochs"),
            TotalEpochs = epochs,
        };
        var training = new TrainingOptions
        {
            BatchSize = Get<int>("train.batch_size"),
            Loss = loss,
            Dropout = (float)Get<double>("train.dropout"),
            ClipNorm = Maybe<double>("train.clip_norm") is double clip ? (float)clip : null,
            Schedule = schedule,
            Optimizer = new OptimizerOptions
            {
                Kind = optimizer,
                Momentum = (float)Get<double>("optimizer.momentum"),
                Nesterov = Get<bool>("optimizer.nesterov"),
                Beta1 = (float)Get<double>("optimizer.beta1"),
                Beta2 = (float)Get<double>("optimizer.beta2"),
                Epsilon = (float)Get<double>("optimizer.eps"),
                Rho = (float)Get<double>("optimizer.rho"),
                WeightDecay = (float)Get<double>("optimizer.weight_decay"),
            },
        };
        return new TrialSettings(data, split, c["model.layers"] as int[], c["model.hidden"] as int[], hiddenActs,
            Act(Get<string>("model.output")),
            weightInit, biasInit, epochs, training,
            Results.ValidationMetric.TryParse(Get<string>("train.early_stopping.metric"), out var watched) ? watched
            : throw new InvalidOperationException("unvalidated early-stopping metric"),
            Maybe<int>("train.early_stopping.patience"),
            Get<bool>("train.early_stopping.restore_best"), Maybe<double>("train.time_limit"), (ulong)trial.Seed,
            // One split for the whole sweep unless asked otherwise: seeds then vary initialisation, order and dropout
            // only.
            Get<bool>("data.split.per_seed") ? (ulong)trial.Seed : (ulong)Get<int>("data.split.seed"));
    }
}
