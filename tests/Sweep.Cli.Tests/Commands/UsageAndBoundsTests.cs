using System.Diagnostics;
using Sweep.Core.Serialization;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// The command line and the limits, through the real CLI: a usage error is one line and exit 2, with a did-you-mean;
/// a damaged checkpoint or a full disk is exit 3 naming the file; --parallel is capped; a model with NaN weights,
/// a second YAML document and bytes that are not UTF-8 are refused; a doubled stop signal still stops cleanly.
/// </summary>
public sealed class UsageAndBoundsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Tiny = "name: tiny\n" + SweepFiles.Tiny;

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("Did you mean 'run'?", "rnu", "x.yaml")]
    [InlineData("no command given", null)]
    [InlineData("Required argument 'file' missing", "run")]
    [InlineData("Cannot parse argument 'abc' for option '--parallel'", "run", "x.yaml", "--parallel", "abc")]
    [InlineData("an empty argument ('')", "validate", "")]
    [InlineData("unknown option '--parralel' for sweep run. Did you mean '--parallel'?", "run", "x.yaml",
        "--parralel", "2")]
    [InlineData("unknown option '--bogus' for sweep report", "report", "--bogus", "x")]
    public void A_usage_error_is_one_line_and_exit_2(string said, params string?[] args)
    {
        var (code, output) = TestSweeps.Cli((args ?? []).OfType<string>().ToArray());
        Assert.True(code == 2, $"exit {code}:\n{output}");
        Assert.Contains(said, output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", output);
    }

    [Fact]
    public void Parallel_past_four_per_core_is_capped_with_a_note()
    {
        string spec = _files.Write("p.yaml", Tiny);
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "r"), "--parallel",
            "100000", "--progress", "quiet");
        Assert.True(code == 0, output);
        Assert.Contains($"running {4 * Environment.ProcessorCount} trials at once", output);
    }

    [Fact]
    public void Trials_that_fit_one_at_a_time_but_not_parallel_at_once_are_refused_with_the_parallel_that_fits()
    {
        // Under a 1 GiB heap: one 64-4096-4096-10 trial with Adam (its checkpoint's copy counted) fits, two do not.
        string spec = _files.Write("m.yaml", Tiny.Replace("hidden: [8]", "hidden: [4096, 4096]") +
            "grid:\n  optimizer.lr: [0.1, 0.01]\n");
        var heap = new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0x40000000" };
        string results = Path.Combine(_files.Dir, "r");
        var (code, output, _) = TestSweeps.CliMeasured(heap, "run", spec, "--out", results, "--parallel", "2");
        Assert.True(code == 2, $"exit {code}:\n{output}");
        Assert.Contains("--parallel 2: the largest trials at once need about", output);
        Assert.Contains("run with --parallel 1.", output);
        Assert.False(Directory.Exists(Path.Combine(results, "trials")), "nothing was trained");
    }

    [Fact]
    public void A_second_yaml_document_and_bytes_that_are_not_utf8_are_refused_with_their_line()
    {
        string two = _files.Write("two.yaml", Tiny + "---\nname: other\n");
        var (code, output) = TestSweeps.Cli("validate", two);
        Assert.True(code == 2, output);
        // Tiny ends with a newline: "---" is the line after its last, and the second document starts below it.
        int lines = Tiny.Split('\n').Length;
        Assert.Contains($"two.yaml:{lines + 1}:1: a second YAML document", output);
        string latin = Path.Combine(_files.Dir, "latin.yaml");
        File.WriteAllBytes(latin, [.. System.Text.Encoding.UTF8.GetBytes(Tiny + "description: caf"), 0xE9, 0x0A]);
        (code, output) = TestSweeps.Cli("validate", latin);
        Assert.True(code == 2, output);
        Assert.Contains($"latin.yaml:{lines}:17: is not valid UTF-8", output);
    }

    [Fact]
    public void A_model_with_nan_weights_is_refused_by_predict_and_export()
    {
        string results = Path.Combine(_files.Dir, "r");
        Assert.Equal(0, TestSweeps.Cli("run", _files.Write("n.yaml", Tiny), "--out", results, "--progress", "quiet")
            .Code);
        string model = Directory.GetFiles(results, "model.swnn", SearchOption.AllDirectories)[0];
        var network = ModelFile.Load(model);
        network.Layers[1].Weights[3] = float.NaN;
        string poisoned = Path.Combine(_files.Dir, "poisoned.swnn");
        using (var file = File.Create(poisoned)) ModelFile.Write(network, file);
        foreach (var args in new[]
        {
            new[] { "predict", "--model", poisoned, Path.Combine(SweepFiles.RepositoryRoot(), "data") },
            ["export", "--model", poisoned, "--out", Path.Combine(_files.Dir, "m.onnx")],
        })
        {
            var (code, output) = TestSweeps.Cli(args);
            Assert.True(code == 3, $"{args[0]}: exit {code}\n{output}");
            Assert.Contains("poisoned.swnn: layer 1 has NaN or infinite weights", output);
        }
    }

    [Fact]
    public async Task Two_stop_signals_at_once_are_one_request_and_the_run_stops_with_its_summary()
    {
        string results = Path.Combine(_files.Dir, "r");
        string spec = _files.Write("s.yaml", SweepFiles.Endless
            + "grid:\n  optimizer.lr: [0.1, 0.01]\n");
        // What `timeout` and a terminal do together: the same signal twice, a few milliseconds apart.
        var (code, said) = await TestSweeps.Interrupt(spec, results, 2, TimeSpan.FromMinutes(2));
        Assert.True(code == 130, $"exit {code}\n{said}");
        Assert.True(File.Exists(Path.Combine(results, "summary.csv")), said);
        Assert.Contains("Run the same command again to resume", said);
    }

    [SkippableFact]
    public void A_disk_that_fills_is_exit_3_naming_the_cause_and_a_rerun_with_space_completes()
    {
        string disk = Directory.CreateDirectory(Path.Combine(_files.Dir, "disk")).FullName;
        using (var mount = Process.Start("mount", ["-t", "tmpfs", "-o", "size=160k", "tmpfs", disk]))
        {
            mount.WaitForExit();
            Skip.If(mount.ExitCode != 0, "mounting a small tmpfs needs root (CI runs as root)");
        }
        string spec = _files.Write("d.yaml", Tiny.Replace("hidden: [8]", "hidden: [64]") +
            "grid:\n  optimizer.lr: [0.1, 0.03, 0.01, 0.003]\n");
        string results = Path.Combine(disk, "r");
        try
        {
            var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet",
                "--parallel", "1");
            Assert.True(code == 3, $"exit {code}:\n{output}");
            Assert.Contains("No space left on device", output);
            Assert.DoesNotContain("internal error", output);
            Assert.DoesNotContain("   at ", output);
        }
        finally
        {
            // The folder moves to a disk with room, as a user would move it, and the same command finishes it.
            string moved = Path.Combine(_files.Dir, "moved");
            if (Directory.Exists(results)) SweepFiles.CopyTree(results, moved);
            using var umount = Process.Start("umount", [disk]);
            umount.WaitForExit();
            var (code, output) = TestSweeps.Cli("run", spec, "--out", moved, "--progress", "quiet", "--parallel", "1");
            Assert.True(code == 0, output);
        }
    }

    [Fact]
    public void A_damaged_checkpoint_is_exit_3_naming_it_and_the_others_still_train()
    {
        string spec = _files.Write("k.yaml", Tiny + "grid:\n  optimizer.lr: [0.1, 0.01]\n");
        string results = Path.Combine(_files.Dir, "r");
        // A checkpoint as a kill would leave it, then damaged: a trial folder with only a checkpoint.
        var plan = TestSweeps.Cli("plan", spec).Output.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 1 && p[0].All(char.IsAsciiDigit) && p[1].Length == 12).Select(p => p[1]).ToList();
        Assert.Equal(2, plan.Count);
        string folder = Directory.CreateDirectory(Path.Combine(results, "trials", plan[0])).FullName;
        File.WriteAllBytes(Path.Combine(folder, "checkpoint.swck"), "SWEEPCK\0garbage"u8.ToArray());
        var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet");
        Assert.True(code == 3, $"exit {code}:\n{output}");
        Assert.Contains($"{plan[0]}/checkpoint.swck", output);
        Assert.DoesNotContain("a bug in Sweep", output);
        Assert.True(File.Exists(Path.Combine(results, "trials", plan[1], "model.swnn")), "the other trial trained");
    }
}
