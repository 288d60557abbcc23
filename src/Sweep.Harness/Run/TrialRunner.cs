using Sweep.Core.Errors;
using Sweep.Core.Metrics;
using Sweep.Core.Models;
using Sweep.Core.Serialization;
using Sweep.Core.Training;
using Sweep.Data;
using Sweep.Data.Splits;
using Sweep.Harness.Plan;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run;

/// <summary>
/// Runs one trial on the calling thread, from scratch or from its last checkpoint. After every epoch it writes
/// metrics.csv and then the checkpoint, each atomically: a kill at any moment loses at most the epoch in progress,
/// and rows past the checkpoint are dropped on resume, so a resumed trial ends with the same numbers.
/// </summary>
public sealed class TrialRunner(DataStore store, IRunReporter reporter)
{
    /// <summary>Where a training trial makes itself known, so that an idle worker can lend it its core.</summary>
    internal RunningTrainers? Running { get; init; }

    /// <param name="pauseAfter">Stop once this many epochs are done and checkpointed, and return null: a trial paused
    /// at a successive-halving rung has not ended, so it has no status. Null trains to the end.</param>
    /// <returns>How the trial ended; null when it paused at <paramref name="pauseAfter"/>.</returns>
    /// <param name="promoted">It paused at a halving rung in this run and goes on (said so, not as a resume).</param>
    public TrialStatus? Run(TrialPlan trial, TrialSettings settings, TrialFolder folder, CancellationToken cancel,
        int? pauseAfter = null, bool promoted = false)
    {
        try
        {
            return Train(trial, settings, folder, cancel, pauseAfter, promoted);
        }
        catch (Exception e) { return Failed(trial, folder, e); }
    }

    /// <summary>Ends a trial that successive halving cut at its last checkpoint: evaluated on the test set and saved
    /// like any finished trial, with status pruned and the reason.</summary>
    public TrialStatus Prune(TrialPlan trial, TrialSettings settings, TrialFolder folder, string why)
    {
        try
        {
            var (splits, trainer, rows) = Open(settings, folder);
            return Conclude(trial, settings, folder, trainer, splits, rows, TrialState.Pruned, "", why);
        }
        catch (Exception e) { return Failed(trial, folder, e); }
    }

    private TrialStatus? Train(TrialPlan trial, TrialSettings settings, TrialFolder folder, CancellationToken cancel,
        int? pauseAfter, bool promoted)
    {
        var (splits, trainer, rows) = Open(settings, folder);
        TrainingWarmUp.Before(trainer.Network.Architecture, settings.Training, splits.Train);
        reporter.TrialStarted(trial, trainer.EpochsCompleted, promoted && trainer.EpochsCompleted > 0);
        Running?.Add(trainer);
        try { return TrainEpochs(trial, settings, folder, cancel, pauseAfter, splits, trainer, rows); }
        finally { Running?.Remove(trainer); }
    }

    private TrialStatus? TrainEpochs(TrialPlan trial, TrialSettings settings, TrialFolder folder,
        CancellationToken cancel, int? pauseAfter, DataSplits splits, Trainer trainer, List<EpochRow> rows)
    {

        string stopReason = "completed all epochs";
        var state = TrialState.Completed;
        string reason = "";
        while (trainer.EpochsCompleted < settings.Epochs)
        {
            if (pauseAfter is int rung && trainer.EpochsCompleted >= rung)
                return null;
            if (cancel.IsCancellationRequested)
                return Finish(trial, folder, rows, TrialState.Interrupted, "interrupted; run the sweep again to resume",
                    $"interrupted after epoch {trainer.EpochsCompleted}", null, null, splits);
            var stats = trainer.TrainEpoch(splits.Train);
            if (stats.Divergence is { } divergence)
                return Finish(trial, folder, rows, TrialState.Diverged, divergence, "diverged", null, null, splits);
            var validation = splits.Validation.Count > 0 ? trainer.Evaluate(splits.Validation) : null;
            var row = new EpochRow(stats.Epoch + 1, stats.Loss, stats.Accuracy, validation?.Loss, validation?.Accuracy,
                AsWritten(stats.LearningRate), stats.Seconds, stats.LentShare);
            rows.Add(row);
            MetricsFile.Write(folder.Metrics, rows);
            // The best epoch's weights, before the checkpoint: a kill between the two re-trains this epoch, to the same
            // weights.
            if (KeepsBest(settings) && BestIndex(rows, settings.EarlyStoppingMetric) == rows.Count - 1)
                AtomicFile.Write(folder.Best, s => ModelFile.Write(trainer.Network, s,
                    ModelDescription.Of(settings.Data.Entry).ToMetadata()));
            AtomicFile.Write(folder.Checkpoint, s => CheckpointFile.Write(trainer, s));
            reporter.EpochFinished(trial, row, settings.Epochs);

            if (EarlyStop(rows, settings) is { } why) { stopReason = why; break; }
            if (settings.TimeLimitSeconds is double limit && rows.Sum(r => r.Seconds) > limit)
            {
                state = TrialState.TimedOut;
                reason = $"over its time limit of {limit:0.#} s after epoch {row.Epoch}";
                stopReason = "time limit";
                break;
            }
        }
        return Conclude(trial, settings, folder, trainer, splits, rows, state, reason, stopReason);
    }

    /// <summary>The rate as the float the trainer used, in the shortest decimal that reads back to it: 0.001, not the
    /// 0.0010000000474974513 that widening the float to a double would print.</summary>
    private static double AsWritten(float rate) =>
        double.Parse(rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the trial keeps its best epoch's weights (best.swnn) to test and save them in the end: with
    /// early stopping, unless train.early_stopping.restore_best is false.</summary>
    private static bool KeepsBest(TrialSettings settings) => settings.Patience is not null && settings.RestoreBest;

    /// <summary>The trial's splits and its trainer, from its checkpoint when there is one, with the metrics rows up to
    /// that checkpoint (rows written after it, by an epoch a kill cut short, are dropped).</summary>
    private (DataSplits Splits, Trainer Trainer, List<EpochRow> Rows) Open(TrialSettings settings, TrialFolder folder)
    {
        var data = LoadData(store, settings);
        DataSplits splits;
        try { splits = DataSplits.Create(data, settings.Split, settings.SplitSeed); }
        catch (DataException e) { throw DataHints.Split(e); }
        var trainer = ResumeOrStart(settings, folder, splits);
        return (splits, trainer, MetricsFile.Read(folder.Metrics).Where(r => r.Epoch <= trainer.EpochsCompleted)
            .ToList());
    }

    /// <summary>Ends a trial that has trained as far as it will: test evaluation, model file, confusion and
    /// per-class tables, then its status. With early stopping the best epoch's weights are the ones tested and saved
    /// (unless restore_best is off), and the status says which epoch that was.</summary>
    private static TrialStatus Conclude(TrialPlan trial, TrialSettings settings, TrialFolder folder, Trainer trainer,
        DataSplits splits, List<EpochRow> rows,
        TrialState state, string reason, string stopReason)
    {
        int tested = rows.Count == 0 ? 0 : rows[^1].Epoch;
        if (KeepsBest(settings) && File.Exists(folder.Best)
            && BestIndex(rows, settings.EarlyStoppingMetric) is int best and >= 0)
        {
            trainer = new Trainer(ModelFile.Load(folder.Best), settings.Training, settings.Seed);
            tested = rows[best].Epoch;
        }
        var test = trainer.Evaluate(splits.Test);
        AtomicFile.Write(folder.Model, s => ModelFile.Write(trainer.Network, s,
            ModelDescription.Of(settings.Data.Entry).ToMetadata()));
        WriteEvaluation(folder, test, splits.Test);
        return Finish(trial, folder, rows, state, reason, stopReason, test, tested, splits);
    }

    /// <summary>The trial's data set, from the process-wide store (loaded once, shared by every trial).</summary>
    public static LoadedDataset LoadData(DataStore store, TrialSettings settings)
    {
        var d = settings.Data;
        if (d.Entry is { } entry)
        {
            try { return store.Load(entry); }
            catch (DataException e) { throw DataHints.With(e); }
        }
        if (d.Csv is { } csv) return store.LoadCsv(csv, d.CsvLayout!);
        return store.LoadIdx(d.TrainImages!, d.TrainLabels!, d.TestImages, d.TestLabels);
    }

    private static Trainer ResumeOrStart(TrialSettings settings, TrialFolder folder, DataSplits splits)
    {
        var architecture = settings.Architecture(splits.Train.Features, splits.Train.Classes);
        if (File.Exists(folder.Checkpoint))
        {
            var (network, state) = CheckpointFile.Load(folder.Checkpoint);
            if (network.Architecture.ToString() != architecture.ToString())
                throw ResultsFileException.Damaged(folder.Checkpoint,
                    $"holds a {network.Architecture} network but the trial is {architecture};",
                    "delete the trial's folder to train it again from scratch.");
            var resumed = new Trainer(network, settings.Training, settings.Seed);
            resumed.RestoreState(state);
            return resumed;
        }
        var fresh = Network.Create(architecture, settings.WeightInit, settings.BiasInit, splits.Normalisation,
            settings.Seed);
        return new Trainer(fresh, settings.Training, settings.Seed);
    }

    /// <summary>The stop reason when the watched validation metric has not improved for `patience` epochs.</summary>
    private static string? EarlyStop(List<EpochRow> rows, TrialSettings settings)
    {
        if (settings.Patience is not int patience) return null;
        int best = BestIndex(rows, settings.EarlyStoppingMetric);
        if (best < 0 || rows.Count - 1 - best < patience) return null;
        return $"early stopping: {settings.EarlyStoppingMetric} did not improve for {patience} epochs after epoch " +
            $"{rows[best].Epoch}";
    }

    /// <summary>The row with the best value of <paramref name="metric"/> (the first of equals); -1 when none has
    /// one.</summary>
    private static int BestIndex(List<EpochRow> rows, ValidationMetric metric)
    {
        int best = -1;
        for (int i = 0; i < rows.Count; i++)
        {
            if (metric.Of(rows[i]) is not double v) continue;
            if (best < 0 || metric.Of(rows[best]) is not double b || metric.IsBetter(v, b)) best = i;
        }
        return best;
    }

    private static void WriteEvaluation(TrialFolder folder, Evaluation test, ImageSampleSource source)
    {
        var m = test.Confusion;
        ConfusionFile.Write(folder.Confusion, m);
        PerClassFile.Write(folder.PerClass, m);
        PredictionsFile.Write(folder.Predictions, test, source);
        MisclassifiedFile.Write(folder.Misclassified, test, source);
    }

    /// <summary>A failed trial is a result: recorded with its reason, and the sweep goes on. The whole trace goes to
    /// the trial's error.txt, for a bug report.</summary>
    private static TrialStatus Failed(TrialPlan trial, TrialFolder folder, Exception e)
    {
        // A domain error explains itself; running out of memory is the machine's limit, not a bug (the limits and the
        // memory estimate make it rare); anything else is a bug, named by its type.
        bool file = e is SweepException { Kind: ErrorKind.File } or IOException or UnauthorizedAccessException;
        string reason = e switch
        {
            SweepException => e.Message,
            IOException or UnauthorizedAccessException =>
                $"its files could not be written in {folder.Dir} ({e.Message}); free space or fix the permissions " +
                "and run again: it resumes from its last checkpoint",
            OutOfMemoryException =>
                $"ran out of memory ({e.Message}); use fewer units, a smaller batch or a lower --parallel",
            _ => $"{e.GetType().Name}: {e.Message} (a bug in Sweep: the trace is in error.txt)",
        };
        try { AtomicFile.WriteAllText(folder.Error, e.ToString() + "\n"); }
        catch (Exception write) when (write is IOException or UnauthorizedAccessException) { }
        var status = new TrialStatus(trial.Id, trial.DisplayName, TrialState.Failed, reason,
            file ? TrialStatus.FileProblem : "error", 0, null, null, null, null, 0, 0);
        // A full disk may refuse the status too: the trial is still failed for this run, and found unfinished by
        // the next.
        try { status.Save(folder.Status); }
        catch (Exception write) when (file && write is IOException or UnauthorizedAccessException) { }
        return status;
    }

    /// <param name="tested">The epoch whose weights were tested (and saved), when the trial was tested.</param>
    private static TrialStatus Finish(TrialPlan trial, TrialFolder folder, List<EpochRow> rows, TrialState state,
        string reason, string stopReason, Evaluation? test,
        int? tested, DataSplits splits)
    {
        int best = BestIndex(rows, ValidationMetric.Accuracy);
        double seconds = rows.Sum(r => r.Seconds);
        var testedRow = rows.FirstOrDefault(r => r.Epoch == tested);
        var status = new TrialStatus(trial.Id, trial.DisplayName, state, reason, stopReason, rows.Count,
            best >= 0 ? rows[best].ValidationAccuracy : null, best >= 0 ? rows[best].Epoch : null, test?.Accuracy,
            test?.Loss,
            seconds, seconds > 0 ? splits.Train.Count * (double)rows.Count / seconds : 0)
        {
            TestedEpoch = test is null ? null : tested,
            ValidationAccuracy = testedRow?.ValidationAccuracy,
            ValidationLoss = testedRow?.ValidationLoss,
            ValidationSamples = splits.Validation.Count > 0 ? splits.Validation.Count : null,
            LentShare = rows.Count == 0 ? 0 : rows.Average(r => r.LentShare),
        };
        status.Save(folder.Status);
        return status;
    }
}
