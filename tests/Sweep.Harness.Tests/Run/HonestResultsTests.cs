using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

/// <summary>What a researcher concludes from a results folder, checked through the real files: one split for every
/// seed, explosions recorded as divergence, the tested epoch said, the effective sweep kept, edits traced.</summary>
public sealed class HonestResultsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static HashSet<string> TestSamples(string resultsDir, string trial) =>
        CsvFiles.Read(Path.Combine(resultsDir, "trials", trial, "test_predictions.csv"), ["sample"],
        "").Rows.Select(r => r["sample"]).ToHashSet();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_seed_sees_the_same_split_unless_asked_to_resample(bool perSeed)
    {
        string spec = _files.Write("split.yaml", SweepFiles.Digits + "seeds: 2\n");
        var plan = Expansion.Expand(SpecReader.Read(spec, perSeed ? ["data.split.per_seed=true"] : []));
        var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "out"), 2);
        var a = TestSamples(outcome.ResultsDir, plan.Trials[0].Id);
        var b = TestSamples(outcome.ResultsDir, plan.Trials[1].Id);
        Assert.Equal(!perSeed, a.SetEquals(b));
        // The seeds still differ where they should: initialisation and order give different weights.
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(outcome.ResultsDir, "trials", plan.Trials[0].Id, "model.swnn")),
            File.ReadAllBytes(Path.Combine(outcome.ResultsDir, "trials", plan.Trials[1].Id, "model.swnn")));
    }

    [Fact]
    public void A_loss_that_explodes_is_divergence_not_completion()
    {
        // SGD at lr 1e6: the loss climbs to ~1e28 at chance accuracy but never to NaN; it used to count as completed.
        string spec = _files.Write("boom.yaml", SweepFiles.Digits);
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "boom"), "--progress",
            "plain", "optimizer.name=sgd", "optimizer.lr=1e6");
        Assert.Equal(1, code);
        Assert.Matches(
            @"diverged: training loss exploded in epoch 1: [\d.E+]+ per sample, over [\d.E+]+ \(100 × the first " +
            @"batch's [\d.]+, at most 1E\+06\)", output);
        var status = TrialStatus.Load(Directory.GetFiles(Path.Combine(_files.Dir, "boom", "trials"), "status.json",
            SearchOption.AllDirectories).Single())!;
        Assert.Equal(TrialState.Diverged, status.Status);
        Assert.Null(status.TestedEpoch);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Early_stopping_tests_and_saves_the_best_epoch_and_says_which(bool restoreBest)
    {
        // A learning rate high enough that validation accuracy peaks and falls back, so best and last differ.
        string spec = _files.Write("es.yaml", SweepFiles.Digits);
        string[] overrides = ["train.epochs=40", "train.early_stopping.patience=2", "optimizer.lr=0.05",
            $"train.early_stopping.restore_best={(restoreBest ? "true" : "false")}"];
        var plan = Expansion.Expand(SpecReader.Read(spec, overrides));
        var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "es"), 1);
        var status = outcome.Statuses.Single();
        var rows = MetricsFile.Read(Path.Combine(outcome.ResultsDir, "trials", status.Trial, "metrics.csv"));
        Assert.True(rows.Count < 40, "early stopping stopped the trial");
        Assert.Equal(restoreBest ? status.BestEpoch : rows.Count, status.TestedEpoch);
        var tested = rows.Single(r => r.Epoch == status.TestedEpoch);
        Assert.Equal(tested.ValidationAccuracy, status.ValidationAccuracy);
        // The model saved is the one tested: its predictions on the test set give the recorded accuracy.
        var summary = CsvFiles.Read(Path.Combine(outcome.ResultsDir, "summary.csv"), ["tested_epoch"],
            "").Rows.Single();
        Assert.Equal(status.TestedEpoch!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            summary["tested_epoch"]);
        if (restoreBest)
            Assert.Equal(File.ReadAllBytes(Path.Combine(outcome.ResultsDir, "trials", status.Trial, "best.swnn")),
                File.ReadAllBytes(Path.Combine(outcome.ResultsDir, "trials", status.Trial, "model.swnn")));
    }

    [Fact]
    public void The_effective_sweep_records_the_overrides_and_runs_to_the_same_trials()
    {
        string spec = _files.Write("eff.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\nseeds: 3\n");
        string output = Path.Combine(_files.Dir, "eff");
        var (code, log) = TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=2",
            "seeds=1");
        Assert.True(code == 0, log);
        string effective = File.ReadAllText(Path.Combine(output, "effective.yaml"));
        Assert.Contains("# Overrides: train.epochs=2 seeds=1", effective);
        Assert.Contains("seeds: [1]", effective);
        Assert.Contains("  epochs: 2", effective);
        Assert.Contains("select: val_accuracy", effective);
        var original = Expansion.Expand(SpecReader.Read(spec, ["train.epochs=2", "seeds=1"]));
        var rerun = Expansion.Expand(SpecReader.Read(Path.Combine(output, "effective.yaml")));
        Assert.Equal(original.Trials.Select(t => t.Id), rerun.Trials.Select(t => t.Id));
        // The page shows them too.
        string page = File.ReadAllText(Path.Combine(output, "report.html"));
        Assert.Contains("overrides <code>train.epochs=2 seeds=1</code>", page);
        Assert.Contains("The sweep as it ran", page);
    }

    [Fact]
    public void An_edited_sweep_keeps_the_old_file_and_lists_the_trials_it_left_behind()
    {
        string spec = _files.Write("edit.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        string output = Path.Combine(_files.Dir, "edit");
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=1").Code);
        string before = File.ReadAllText(spec);
        File.WriteAllText(spec, before.Replace("[0.01, 0.003]", "[0.01, 0.03]"));
        var (code, log) = TestSweeps.Cli("run", spec, "--out", output, "--progress", "plain", "train.epochs=1");
        Assert.True(code == 0, log);

        Assert.Contains(Directory.GetFiles(Path.Combine(output, "sweep-history")), f => File.ReadAllText(f) == before);
        var gone = Expansion.Expand(SpecReader.Read(_files.Write("old.yaml", before), ["train.epochs=1"])).Trials[1].Id;
        Assert.True(Directory.Exists(Path.Combine(output, "trials", gone)), "the old trial's results are kept");
        Assert.Contains(
            $"not in the current plan (an earlier version of the sweep), kept and left out of the counts: {gone}",
            TestSweeps.Cli("status", output).Output);
        Assert.Equal([gone], SweepResults.Load(output).Stale);
        Assert.Contains($"<code>{gone}</code>", File.ReadAllText(Path.Combine(output, "report.html")));
        Assert.DoesNotContain(gone, File.ReadAllText(Path.Combine(output, "aggregate.csv")));
    }

    [Fact]
    public void Summary_and_aggregate_carry_every_setting_so_that_sweeps_stack()
    {
        string spec = _files.Write("stack.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        var outcome = TestSweeps.Run(Expansion.Expand(SpecReader.Read(spec, ["train.epochs=1"])),
            Path.Combine(_files.Dir, "stack"), 2);
        ReportBuilder.Build(outcome.ResultsDir);
        var summary = CsvFiles.Read(Path.Combine(outcome.ResultsDir, "summary.csv"),
            ["data.dataset", "train.epochs", "train.batch_size", "optimizer.lr", "seed"], "");
        Assert.All(summary.Rows,
            r => Assert.Equal(("digits8x8", "1", "16"), (r["data.dataset"], r["train.epochs"], r["train.batch_size"])));
        var aggregate = CsvFiles.Read(Path.Combine(outcome.ResultsDir, "aggregate.csv"),
            ["selected_by", "data.dataset", "train.epochs", "optimizer.lr"], "");
        Assert.All(aggregate.Rows,
            r => Assert.Equal(("val_accuracy", "digits8x8"), (r["selected_by"], r["data.dataset"])));
        Assert.Equal(["0.01", "0.003"], aggregate.Rows.Select(r => r["optimizer.lr"]).Order().Reverse());
    }

    [Fact]
    public void Compare_lists_the_settings_the_sweeps_differ_in_and_pairs_configurations_on_the_rest()
    {
        string spec = _files.Write("cmp.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        string a = Path.Combine(_files.Dir, "a"), b = Path.Combine(_files.Dir, "b"), c = Path.Combine(_files.Dir, "c");
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", a, "--progress", "plain", "train.epochs=1").Code);
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", b, "--progress", "plain", "train.epochs=2").Code);
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", c, "--progress", "plain", "train.epochs=1").Code);

        var (code, output) = TestSweeps.Cli("compare", a, b, "--out", Path.Combine(_files.Dir, "ab"));
        Assert.True(code == 0, output);
        Assert.Contains("warning: the sweeps differ in more than what they vary", output);
        Assert.Contains("train.epochs: a=1, b=2", output);
        // The epochs are what the whole sweeps differ in: the effect compared. Each learning rate is paired with
        // itself, and each row has the difference that one more epoch made.
        var rows = CsvFiles.Read(Path.Combine(_files.Dir, "ab", "comparison.csv"), ["configuration"], "").Rows;
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.NotEqual("", r["b_minus_a_test_accuracy"]));
        Assert.Equal(["optimizer.lr=0.003", "optimizer.lr=0.01"], rows.Select(r => r["configuration"]).Order());
        Assert.Contains("train.epochs", File.ReadAllText(Path.Combine(_files.Dir, "ab", "compare.html")));

        (code, output) = TestSweeps.Cli("compare", a, c, "--out", Path.Combine(_files.Dir, "ac"));
        Assert.True(code == 0, output);
        Assert.DoesNotContain("warning", output);
        Assert.Equal(2, CsvFiles.Read(Path.Combine(_files.Dir, "ac", "comparison.csv"), ["configuration"],
            "").Rows.Count);
    }
}
