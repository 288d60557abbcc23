using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// Sweep files and files written by someone else, given to the real CLI under a 1 GiB heap: each is refused within
/// seconds with exit 2 or 3 and a message naming the key or file and the limit; never a trace, never exit 70 or 134,
/// and the process stays under 1.5 GB.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private static readonly Dictionary<string, string> OneGiB = new() { ["DOTNET_GCHeapHardLimit"] = "0x40000000" };

    private static void Refused((int Code, string Output, long PeakBytes) result, int code, params string[] said)
    {
        Assert.True(result.Code == code, $"exit {result.Code}, expected {code}:\n{result.Output}");
        foreach (string s in said) Assert.Contains(s, result.Output);
        Assert.DoesNotContain("   at ", result.Output);
        Assert.DoesNotContain("internal error", result.Output);
        Assert.InRange(result.PeakBytes, 1, 1_500_000_000);
    }

    private string Spec(string name, string body) => _files.Write(name + ".yaml", $"name: {name}\n" + body);

    [Theory]
    [InlineData("hidden: [67108865, 64]\ntrain: { batch_size: 256 }", "model.hidden", "a layer has at most 65,536")]
    [InlineData("hidden: [100000000]", "model.hidden", "a layer has at most 65,536")]
    [InlineData("hidden: [60000, 60000]", "model.hidden", "a layer has at most 67,108,864")]
    [InlineData("hidden: [64]\ntrain: { batch_size: 100000000 }", "train.batch_size", "the limit")]
    [InlineData("hidden: [50000]\ntrain: { batch_size: 65536 }", "model.hidden", "MiB of memory")]
    [InlineData("hidden: [64]\ntrain: { epochs: 1000000 }", "train.epochs", "the limit")]
    [InlineData("layers: [784, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, " +
        "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, " +
        "1, 10]", "model.layers", "at most 64 layers")]
    public void A_network_past_a_limit_is_refused_by_validate_and_run_naming_the_key(string model, string key,
    string limit)
    {
        string spec = Spec("big", "data: { dataset: mnist }\nmodel:\n  " + model + "\n");
        string output = Path.Combine(_files.Dir, "out");
        Refused(TestSweeps.CliMeasured(OneGiB, "validate", spec), 2, key, limit);
        Refused(TestSweeps.CliMeasured(OneGiB, "run", spec, "--out", output), 2, key, limit);
        Assert.False(Directory.Exists(output), "nothing was written");
    }

    [Fact]
    public void Trials_are_counted_with_their_seeds()
    {
        string grid = "grid:\n  optimizer.lr: [" + string.Join(", ", Enumerable.Range(1, 100).Select(i => $"0.{i:000}"))
            + "]\n" +
                      "  train.batch_size: [" + string.Join(", ", Enumerable.Range(1, 100)) + "]\n";
        string spec = Spec("many", "data: { dataset: digits8x8 }\n" + grid + "seeds: 10000\n");
        foreach (string command in new[] { "validate", "plan" })
            Refused(TestSweeps.CliMeasured(OneGiB, command, spec), 2, "10,000 combinations × 10,000 seeds",
                "at most 100,000");
    }

    [Fact]
    public void A_huge_sweep_file_is_refused_from_its_size_before_it_is_read()
    {
        string path = Path.Combine(_files.Dir, "huge.yaml");
        using (var f = File.Create(path)) f.SetLength(300L << 20);
        Refused(TestSweeps.CliMeasured(OneGiB, "validate", path), 2, "huge.yaml", "at most 1,048,576 bytes");
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/stdin")]
    [InlineData("/tmp")]
    public void A_device_fifo_or_folder_given_as_a_sweep_is_refused_unread(string path) =>
        Refused(TestSweeps.CliMeasured(OneGiB, "validate", path), 2, path, "give the path of a sweep file");

    [Fact]
    public void Extends_names_only_sweep_files_and_never_echoes_another_files_lines()
    {
        string secret = _files.Write("secret.txt", "root:$6$hash:19000:0:99999:7:::\nname: leaked\n");
        string viaLink = Path.Combine(_files.Dir, "stdin.yaml");
        File.CreateSymbolicLink(viaLink, "/dev/stdin");
        foreach (string target in new[] { "/etc/shadow", secret, "stdin.yaml" })
        {
            var r = TestSweeps.CliMeasured(OneGiB, "validate",
                Spec("ext", $"extends: {target}\ndata: {{ dataset: digits8x8 }}\n"));
            Refused(r, 2, Path.GetFileName(target));
            Assert.DoesNotContain("root:", r.Output);
            Assert.DoesNotContain("leaked", r.Output);
        }
    }

    [Fact]
    public void An_override_passes_the_same_yaml_limits_as_a_file()
    {
        string spec = Spec("ok", "data: { dataset: digits8x8 }\n");
        Refused(TestSweeps.CliMeasured(OneGiB, "validate", spec, "model.hidden=" + new string('[', 65_000)), 2,
            "model.hidden", "nested more than 16 levels");
    }

    [Theory]
    [InlineData("name: \"x\\ntouch\\tPWNED;#\"")]
    [InlineData("name: \"$(touch PWNED)\"")]
    [InlineData("name: \"a b\"")]
    [InlineData("name: \"-rf\"")]
    public void A_name_outside_the_documented_alphabet_is_refused(string name)
    {
        string spec = _files.Write("n.yaml", name + "\ndata: { dataset: digits8x8 }\n");
        Refused(TestSweeps.CliMeasured(OneGiB, "validate", spec), 2, "name:", "letters, digits, '-', '_' and '.'");
    }

    [Fact]
    public void A_model_file_claiming_gigabytes_is_refused_before_anything_is_allocated()
    {
        // Magic, version 1, one layer, 1,048,576 inputs, scale 1, no standardisation, then a layer of 1,048,576×1,024.
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write("SWEEPNN\0"u8); w.Write(1u); w.Write(1u); w.Write(1u << 20); w.Write(1f); w.Write((byte)0);
            w.Write(1u << 20); w.Write(1024u); w.Write((byte)0);
        }
        byte[] bytes = [.. body.ToArray(), .. System.Security.Cryptography.SHA256.HashData(body.ToArray())];
        string model = Path.Combine(_files.Dir, "model.swnn");
        File.WriteAllBytes(model, bytes);
        Refused(TestSweeps.CliMeasured(OneGiB, "predict", "--model", model, "/dev/null"), 3, "model.swnn",
            "the file is corrupt");
        Refused(TestSweeps.CliMeasured(OneGiB, "predict", "--model", "/dev/zero", "/dev/null"), 3, "/dev/zero",
            "not a file");
    }
}
