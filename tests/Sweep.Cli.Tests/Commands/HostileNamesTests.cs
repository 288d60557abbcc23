using Sweep.Harness.Results;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>
/// Names and contents chosen by an attacker, through the real CLI: a folder named like a script link stays a file
/// link on the page, a data file named like a formula stays text in every CSV, a password file given as data is not
/// printed, control characters are escaped on the terminal, and a table cut at a row boundary is refused.
/// </summary>
public sealed class HostileNamesTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Tiny = SweepFiles.Tiny;

    private string Run(string spec, string dir, params string[] more)
    {
        var (code, output) = TestSweeps.Cli(["run", spec, "--out", dir, "--progress", "quiet", .. more]);
        Assert.True(code == 0, output);
        return dir;
    }

    [Fact]
    public void A_folder_named_javascript_stays_a_file_link_on_the_page_and_in_compare()
    {
        string spec = _files.Write("s.yaml", "name: js\n" + Tiny + "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        string results = Run(spec, Path.Combine(_files.Dir, "javascript:alert(1)"));
        string elsewhere = Path.Combine(_files.Dir, "page");
        Assert.Equal(0, TestSweeps.Cli("report", results, "--out", elsewhere).Code);
        string other = Run(spec, Path.Combine(_files.Dir, "other"), "train.epochs=2");
        string compared = Path.Combine(_files.Dir, "cmp");
        var (code, output) = TestSweeps.Cli("compare", other, results, "--out", compared);
        Assert.True(code == 0, output);
        foreach (string page in new[]
        {
            Path.Combine(results, "report.html"), Path.Combine(elsewhere, "report.html"),
            Path.Combine(compared, "compare.html"),
            Directory.GetFiles(Path.Combine(elsewhere, "pages"), "*.html")[0],
        })
        {
            var hrefs = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(page), "href=\"([^\"]*)\"")
                .Select(m => m.Groups[1].Value).Where(h => !h.StartsWith('#')).ToList();
            Assert.NotEmpty(hrefs);
            Assert.All(hrefs, h => Assert.True(h.StartsWith("./") || h.StartsWith("../"), $"{page}: {h}"));
            Assert.DoesNotContain("javascript:", string.Join(' ', hrefs));
        }
    }

    [Fact]
    public void A_data_file_named_like_a_formula_is_text_in_every_csv_and_reads_back_as_written()
    {
        string data = Path.Combine(_files.Dir, "=cmd|' -C calc'!A0.csv");
        File.Copy(Path.Combine(SweepFiles.RepositoryRoot(), "data", "digits8x8", "digits.csv.gz"), data);
        string spec = _files.Write("f.yaml", "name: formula\n" + Tiny.Replace("  dataset: digits8x8",
            "  files: { csv: \"=cmd|' -C calc'!A0.csv\", csv_layout: digits8x8 }") +
            "grid:\n  optimizer.lr: [0.01, 0.003]\n");
        string results = Run(spec, Path.Combine(_files.Dir, "r"));
        string compared = Path.Combine(_files.Dir, "cmp");
        Assert.Equal(0, TestSweeps.Cli("compare", results, Run(spec, Path.Combine(_files.Dir, "r2"),
            "train.epochs=2"), "--out", compared).Code);
        var tables = new[] { "summary.csv", "aggregate.csv", "plan.csv" }.Select(f => Path.Combine(results, f))
            .Append(Path.Combine(compared, "comparison.csv")).ToList();
        bool seen = false;
        foreach (string table in tables)
            foreach (string cell in File.ReadAllLines(table).SelectMany(l => l.Split(',')))
            {
                string text = cell.Trim('"');
                Assert.False(text.Length > 0 && "=+@\t\r".Contains(text[0]), $"{table}: a live formula {text}");
                seen |= text.StartsWith("'=cmd", StringComparison.Ordinal);
            }
        Assert.True(seen, "the data file's name is in the tables, neutralised");
        // Read back by Sweep as written.
        var summary = CsvFiles.Read(Path.Combine(results, "summary.csv"), ["data.files.csv"], "");
        Assert.All(summary.Rows, r => Assert.Equal("=cmd|' -C calc'!A0.csv", r["data.files.csv"]));
    }

    [Fact]
    public void A_password_file_given_as_data_is_named_but_never_printed()
    {
        _files.Write("passwd.csv", "root:x:0:0:root:/root:/bin/bash\nalice:$6$secret:1000:1000::/home/alice:/bin/sh\n");
        string spec = _files.Write("p.yaml", "name: pw\n" + Tiny.Replace("  dataset: digits8x8",
            "  files: { csv: passwd.csv, csv_layout: digits8x8 }"));
        var (code, output) = TestSweeps.Cli("run", spec, "--out", Path.Combine(_files.Dir, "r"));
        Assert.True(code is 2 or 3, output);
        Assert.Contains("passwd.csv", output);
        Assert.Contains("column 1", output);
        Assert.DoesNotContain("root:", output);
        Assert.DoesNotContain("secret", output);
    }

    [Fact]
    public void An_image_named_with_a_newline_and_escapes_cannot_forge_a_result_line()
    {
        string results = Run(_files.Write("i.yaml", "name: img\n" + Tiny), Path.Combine(_files.Dir, "r"));
        string folder = Directory.CreateDirectory(Path.Combine(_files.Dir, "images")).FullName;
        string name = Path.Combine(folder, "a\n7.png: 9   (9: 100.0%)\u001b[2J.pgm");
        var pgm = new List<byte>(System.Text.Encoding.ASCII.GetBytes("P5\n8 8\n255\n"));
        pgm.AddRange(Enumerable.Range(0, 64).Select(i => (byte)(i % 8 is 3 or 4 ? 255 : 0)));
        File.WriteAllBytes(name, pgm.ToArray());
        var (code, output) = TestSweeps.Cli("predict", "--model", results, folder);
        Assert.True(code == 0, output);
        Assert.False(output.Contains('\u001b', StringComparison.Ordinal), output);
        Assert.Contains("a\\n7.png", output);
        Assert.False(output.Contains("\n7.png", StringComparison.Ordinal), output);
    }

    [Fact]
    public void A_status_reason_with_escape_sequences_is_printed_escaped()
    {
        string spec = _files.Write("e.yaml", "name: esc\n" + Tiny);
        string results = Run(spec, Path.Combine(_files.Dir, "r"));
        string status = Directory.GetFiles(Path.Combine(results, "trials"), "status.json",
            SearchOption.AllDirectories)[0];
        File.WriteAllText(status, File.ReadAllText(status).Replace("\"status\": \"completed\"",
            "\"status\": \"diverged\"").Replace("\"reason\": \"\"",
            "\"reason\": \"\\u001b]0;owned\\u0007\\u001b[2J\""));
        var (_, output) = TestSweeps.Cli("status", results);
        Assert.False(output.Contains('\u001b', StringComparison.Ordinal), output);
        Assert.Contains("\\x1b", output);
    }

    [Fact]
    public void Summary_and_plan_cut_at_a_row_boundary_are_refused_by_report_and_predict()
    {
        string spec = _files.Write("c.yaml",
            "name: cut\n" + Tiny + "grid:\n  optimizer.lr: [0.1, 0.03, 0.01, 0.003]\n");
        string results = Run(spec, Path.Combine(_files.Dir, "r"));
        string summary = Path.Combine(results, "summary.csv"), plan = Path.Combine(results, "plan.csv");
        var whole = File.ReadAllLines(summary);
        File.WriteAllLines(summary, whole.Take(3));
        foreach (var args in new[] { new[] { "report", results }, ["predict", "--model", results, "data"] })
        {
            var (code, output) = TestSweeps.Cli(args);
            Assert.True(code == 3, $"{args[0]}: exit {code}\n{output}");
            Assert.Contains("summary.csv: lists 2 trials, but plan.csv lists 4", output);
        }
        File.WriteAllLines(plan, File.ReadAllLines(plan).Take(3));
        var (planCode, planOutput) = TestSweeps.Cli("report", results);
        Assert.True(planCode == 3, planOutput);
        Assert.Contains("plan.csv: lists 2 trials, but the sweep as it ran (effective.yaml) has 4", planOutput);
        // `run --summary-only` and a plain rerun write both again.
        Assert.Equal(0, TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet").Code);
        Assert.Equal(whole.Length, File.ReadAllLines(summary).Length);
        Assert.Equal(0, TestSweeps.Cli("report", results).Code);
    }

    [Fact]
    public void A_second_run_with_other_settings_is_refused_while_the_first_holds_the_folder()
    {
        string spec = _files.Write("t.yaml", "name: two\n" + Tiny + "grid:\n  optimizer.lr: [0.1, 0.03]\n");
        string results = Path.Combine(_files.Dir, "r");
        using var first = TestSweeps.StartCli("run", spec, "--out", results, "--progress", "quiet",
            "train.epochs=100000", "--parallel", "1");
        try
        {
            // The first run holds the folder once its trials' folder exists.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Directory.Exists(Path.Combine(results, "trials")) && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Thread.Sleep(300);
            Assert.False(first.HasExited, "the first run is still training");
            var (code, output) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet");
            Assert.True(code == 2, output);
            Assert.Contains("in use by another run of this sweep with other settings", output);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            first.WaitForExit();
        }
        // Once it is gone, the folder is free: the kernel released its lock with the process.
        var (after, log) = TestSweeps.Cli("run", spec, "--out", results, "--progress", "quiet");
        Assert.True(after == 0, log);
    }
}
