using Sweep.Data;
using Sweep.Data.Catalogue;
using Sweep.Harness.Plan;
using Sweep.Harness.Run;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Experiments;

/// <summary>
/// A short version of every file in experiments/classic, on the real data: each must train (loss falls, accuracy far
/// above chance). The full runs and their accuracies are experiments/classic/README.md's job, not a unit test's.
/// </summary>
public sealed class ClassicExperimentsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string[]> Files => new()
    {
        { "mnist-784-128-10.yaml", ["train.epochs=2", "data.limit=4000", "data.split.validation=1000", "seeds=1"] },
        { "mnist-784-128-64-64-10-adam.yaml",
            ["train.epochs=2", "data.limit=4000", "data.split.validation=1000", "seeds=1"] },
        { "mnist-784-256-128-128-10.yaml", ["train.epochs=2", "data.limit=4000", "seeds=1"] },
        { "mnist-sigmoid-sgd.yaml", ["train.epochs=2", "data.limit=4000", "data.split.validation=1000", "seeds=1"] },
        { "digits8x8-64-10-10.yaml", ["train.epochs=12", "seeds=1"] },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void A_short_run_of_each_classic_network_trains(string file, string[] shorter)
    {
        bool mnist = file.StartsWith("mnist", StringComparison.Ordinal);
        // A fresh clone without MNIST: those rows report themselves skipped (the digits row still runs); under CI they
        // run or fail.
        Skip.If(mnist && RealMnistFactAttribute.Folder is null && Environment.GetEnvironmentVariable("CI") is null,
            "needs the real MNIST: set SWEEP_DATA to a folder with mnist/ (CI uses ../shared/datasets)");
        string spec = Path.Combine(SweepFiles.RepositoryRoot(), "experiments", "classic", file);
        var plan = Expansion.Expand(SpecReader.Read(spec, shorter));
        var folders = mnist ? new[] { RealMnistFactAttribute.Required }
            : [Path.Combine(SweepFiles.RepositoryRoot(), "data")];
        var outcome = new SweepRunner(new DataStore(new DataLocator(folders)), new PlainReporter(TextWriter.Null))
            .Run(plan, new RunOptions(Path.Combine(_files.Dir, "out"), 2), CancellationToken.None);

        Assert.NotEmpty(outcome.Statuses);
        foreach (var status in outcome.Statuses)
        {
            Assert.True(status.Status == TrialState.Completed,
                $"{file} {status.Name}: {status.Status} {status.Reason}");
            var metrics = MetricsFile.Read(Path.Combine(outcome.ResultsDir, "trials", status.Trial, "metrics.csv"));
            Assert.True(metrics[^1].TrainLoss < metrics[0].TrainLoss,
                $"{file} {status.Name}: loss {metrics[0].TrainLoss} → {metrics[^1].TrainLoss}");
            Assert.True(status.TestAccuracy > 0.5,
                $"{file} {status.Name}: test accuracy {status.TestAccuracy} (chance is 0.1)");
        }
    }
}
