using Sweep.Harness.Plan;
using Sweep.Harness.Spec;
using Sweep.Harness.Results;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// A results folder edited or damaged by hand, given to `report`, `compare` and `status` through the real CLI: each
/// damage is named (file, line or field) with what to do, exit 3, never a trace or exit 70; nothing is taken for a
/// finished trial that is not one.
/// </summary>
public sealed class DamagedResultsTests : IClassFixture<DamagedResultsTests.Finished>, IDisposable
{
    /// <summary>One finished sweep, copied fresh for each case.</summary>
    public sealed class Finished : IDisposable
    {
        private readonly SweepFiles _files = new();
        public string Dir { get; }
        /// <summary>A trial of the sweep, to damage.</summary>
        public string Trial { get; }

        public Finished()
        {
            var plan =
                Expansion.Expand(
                    SpecReader.Read(
                        _files.Write("s.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n")));
            Dir = TestSweeps.Run(plan, Path.Combine(_files.Dir, "results"), 2).ResultsDir;
            Trial = plan.Trials[0].Id;
        }

        public void Dispose() => _files.Dispose();
    }

    private readonly Finished _finished;
    private readonly SweepFiles _files = new();
    public DamagedResultsTests(Finished finished) => _finished = finished;
    public void Dispose() => _files.Dispose();

    private string Copy()
    {
        string dir = Path.Combine(_files.Dir, "copy");
        SweepFiles.CopyTree(_finished.Dir, dir);
        return dir;
    }

    private static void Edit(string path, Func<string, string> change) =>
        File.WriteAllText(path, change(File.ReadAllText(path)));

    public static TheoryData<string, string, string> Damage => new()
    {
        { "summary.csv", "duplicated column", "line 1: the column 'trial' appears twice" },
        { "summary.csv", "unknown state", "status 'done' is not a trial state" },
        { "summary.csv", "trial id with a path", "trial '../x' is not a trial id" },
        { "summary.csv", "a device", "not a file" },
        { "misclassified.csv", "changed cell", "line 2: label 'seven' is not a whole number" },
        { "misclassified.csv", "short pixels", "pixels holds" },
        { "confusion.csv", "changed cell", "predicted_0 is missing or not a count" },
        { "metrics.csv", "changed cell", "train_loss 'NaN?' is not a number" },
        { "manifest.json", "not json", "not a manifest" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void Report_compare_and_status_name_the_damage_and_exit_3(string file, string damage, string said)
    {
        string dir = Copy();
        // A trial's file is damaged in every trial, so that it is damaged in whichever the page shows.
        string[] paths = file is "summary.csv" or "manifest.json" ? [Path.Combine(dir, file)]
            : Directory.GetDirectories(Path.Combine(dir, "trials")).Select(t => Path.Combine(t, file)).ToArray();
        foreach (string path in paths) Spoil(path, damage);
        foreach (string[] command in new[] { ["report", dir],
            ["compare", _finished.Dir, dir, "--out", Path.Combine(_files.Dir, "cmp")], new[] { "status", dir } })
        {
            var (code, output) = TestSweeps.Cli(command);
            // Each reads only what it needs: compare the summaries, metrics and manifests; status the plan, the
            // trials' status and metrics files and the manifest. What a command does not read cannot stop it.
            bool reads = command[0] switch
            {
                "compare" => file is "summary.csv" or "metrics.csv" or "manifest.json",
                "status" => file is "metrics.csv" or "manifest.json",
                _ => true,
            };
            if (!reads) { Assert.True(code == 0, $"{command[0]} on {file}: {output}"); continue; }
            Assert.True(code == 3, $"{command[0]} on {file} ({damage}): exit {code}\n{output}");
            Assert.Contains(file, output);
            Assert.Contains(said, output);
            Assert.DoesNotContain("   at ", output);
        }
    }

    private void Spoil(string path, string damage)
    {
        switch (damage)
        {
            case "duplicated column": Edit(path, t => t.Replace("trial,status,name", "trial,status,trial")); break;
            case "unknown state": Edit(path, t => t.Replace(",completed,", ",done,")); break;
            case "trial id with a path": Edit(path, t => t.Replace(_finished.Trial, "../x")); break;
            case "a device": File.Delete(path); File.CreateSymbolicLink(path, "/dev/zero"); break;
            case "changed cell" when path.EndsWith("misclassified.csv"): Edit(path,
                t => ReplaceCell(t, 1, 1, "seven")); break;
            case "short pixels": Edit(path, t => ReplaceCell(t, 1, 5, "00FF")); break;
            case "changed cell" when path.EndsWith("confusion.csv"): Edit(path,
                t => ReplaceCell(t, 1, 1, "many")); break;
            case "changed cell": Edit(path, t => ReplaceCell(t, 1, 1, "NaN?")); break;
            case "not json": File.WriteAllText(path, "[1, 2"); break;
        }
    }

    private static string ReplaceCell(string csv, int row, int column, string value)
    {
        var lines = csv.Split('\n');
        var cells = lines[row].Split(',');
        cells[column] = value;
        lines[row] = string.Join(',', cells);
        return string.Join('\n', lines);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"trial\": \"x\", \"status\": 0}")]
    [InlineData("{\"trial\": \"x\", \"status\": \"paused\"}")]
    [InlineData("not json")]
    public void A_status_file_without_a_valid_state_is_damage_not_completed(string json)
    {
        string dir = Copy();
        string path = Path.Combine(dir, "trials", _finished.Trial, "status.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<ResultsFileException>(() => TrialStatus.Load(path));
        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains("delete it to run the trial again", error.Message);
        var (code, output) = TestSweeps.Cli("status", dir);
        Assert.Equal(3, code);
        Assert.Contains("status.json", output);
    }
}
