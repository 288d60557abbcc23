using System.Diagnostics;
using Sweep.Core.Files;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// Nothing is written through a device, a FIFO, a folder or a link (docs/security.md), through the real CLI: each
/// target is refused with exit 3 and left as it was. The devices, FIFOs and links are made in a temporary folder,
/// never the system's.
/// </summary>
public sealed class WriteTargetTests : IClassFixture<WriteTargetTests.Finished>, IDisposable
{
    /// <summary>One finished sweep on the shipped digits, run through the CLI.</summary>
    public sealed class Finished : IDisposable
    {
        private readonly SweepFiles _files = new();
        public string Spec { get; }
        public string Dir { get; }

        public Finished()
        {
            Spec = _files.Write("w.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
            Dir = Path.Combine(_files.Dir, "results");
            var (code, output) = TestSweeps.Cli("run", Spec, "--out", Dir, "--progress", "quiet");
            Assert.True(code == 0, output);
        }

        public void Dispose() => _files.Dispose();
    }

    private readonly Finished _finished;
    private readonly SweepFiles _files = new();
    public WriteTargetTests(Finished finished) => _finished = finished;
    public void Dispose() => _files.Dispose();

    private static void Refused((int Code, string Output) result, params string[] said)
    {
        Assert.True(result.Code == 3, $"exit {result.Code}, expected 3:\n{result.Output}");
        foreach (string s in said) Assert.Contains(s, result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("internal error", result.Output);
    }

    private static void Make(string command, params string[] args)
    {
        using var p = Process.Start(command, args);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Export_onto_a_fifo_is_refused_and_the_fifo_stays_a_fifo()
    {
        string fifo = Path.Combine(_files.Dir, "model.onnx");
        Make("mkfifo", fifo);
        Refused(TestSweeps.Cli("export", "--model", _finished.Dir, "--out", fifo), "FIFO", "left it as it was");
        Assert.Equal(FileKind.Special, FileKinds.OfEntry(fifo));
    }

    [SkippableFact]
    public void Export_onto_a_device_node_is_refused_and_the_node_stays()
    {
        string node = Path.Combine(_files.Dir, "null");
        using (var mknod = Process.Start("mknod", [node, "c", "1", "3"])) // the null device's numbers, here
        {
            mknod.WaitForExit();
            Skip.If(mknod.ExitCode != 0, "mknod needs root (CI runs as root)");
        }
        Refused(TestSweeps.Cli("export", "--model", _finished.Dir, "--format", "json", "--out", node), node,
            "device");
        Assert.Equal(FileKind.Special, FileKinds.OfEntry(node));
    }

    [Fact]
    public void Export_onto_a_folder_or_a_link_is_refused_and_neither_changes()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_files.Dir, "a-folder")).FullName;
        Refused(TestSweeps.Cli("export", "--model", _finished.Dir, "--out", folder), "is a folder");
        string victim = _files.Write("victim.txt", "keep me\n");
        string link = Path.Combine(_files.Dir, "model.json");
        File.CreateSymbolicLink(link, victim);
        Refused(TestSweeps.Cli("export", "--model", _finished.Dir, "--format", "json", "--out", link),
            "symbolic link");
        Assert.Equal("keep me\n", File.ReadAllText(victim));
        Assert.Equal(FileKind.SymbolicLink, FileKinds.OfEntry(link));
    }

    private string CopyOfResults()
    {
        string dir = Path.Combine(_files.Dir, "copy");
        SweepFiles.CopyTree(_finished.Dir, dir);
        return dir;
    }

    [Theory]
    [InlineData("invocations.jsonl")]
    [InlineData(".lock")]
    public void A_results_file_replaced_by_a_link_is_not_written_through(string name)
    {
        string dir = CopyOfResults();
        string outside = _files.Write("outside.txt", "untouched\n");
        File.Delete(Path.Combine(dir, name));
        File.CreateSymbolicLink(Path.Combine(dir, name), outside);
        Refused(TestSweeps.Cli("run", _finished.Spec, "--out", dir, "--progress", "quiet"), name, "symbolic link");
        Assert.Equal("untouched\n", File.ReadAllText(outside));
    }

    [Theory]
    [InlineData("trials")]
    [InlineData("charts")]
    [InlineData("pages")]
    public void A_results_folder_whose_subfolder_is_a_link_writes_nothing_elsewhere(string sub)
    {
        string dir = CopyOfResults();
        string elsewhere = Directory.CreateDirectory(Path.Combine(_files.Dir, "elsewhere")).FullName;
        string target = sub == "trials"
            ? Path.Combine(dir, "trials", Directory.GetDirectories(Path.Combine(dir, "trials")).Select(Path.GetFileName)
                .First()!)
            : Path.Combine(dir, sub);
        Directory.Delete(target, recursive: true);
        Directory.CreateSymbolicLink(target, elsewhere);
        var result = sub == "trials"
            ? TestSweeps.Cli("run", _finished.Spec, "--out", dir, "--progress", "quiet")
            : TestSweeps.Cli("report", dir);
        if (sub == "trials")
        {
            // The trial whose folder is a link fails on it, named; the run ends as for a file problem.
            Assert.True(result.Code == 3, $"exit {result.Code}:\n{result.Output}");
            Assert.Contains("symbolic link inside", result.Output);
        }
        else Refused(result, "symbolic link inside");
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_report_out_into_another_sweeps_results_is_refused()
    {
        string other = CopyOfResults();
        string before = File.ReadAllText(Path.Combine(other, "summary.csv"));
        var (code, output) = TestSweeps.Cli("report", _finished.Dir, "--out", other);
        Assert.True(code == 2, $"exit {code}:\n{output}");
        Assert.Contains("holds another sweep's results", output);
        Assert.Equal(before, File.ReadAllText(Path.Combine(other, "summary.csv")));
    }
}
