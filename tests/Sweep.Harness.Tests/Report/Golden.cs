namespace Sweep.Harness.Tests.Report;

/// <summary>
/// Expected output files under tests/Sweep.Harness.Tests/Report/Golden. After a deliberate change to the output,
/// run the tests once with SWEEP_UPDATE_GOLDEN=1 (each changed file is written and its test fails once), review the
/// diff of the golden files, and run them again without it.
/// </summary>
internal static class Golden
{
    public static string Dir => Path.Combine(SweepFiles.RepositoryRoot(), "tests", "Sweep.Harness.Tests", "Report",
        "Golden");

    public static void AssertMatches(string goldenName, byte[] actual)
    {
        string path = Path.Combine(Dir, goldenName);
        bool update = Environment.GetEnvironmentVariable("SWEEP_UPDATE_GOLDEN") == "1";
        // CI checks the golden files; it never writes them, so a changed output cannot pass there unreviewed.
        Assert.False(update && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            "SWEEP_UPDATE_GOLDEN is set under CI: golden files are rewritten on a developer's machine and reviewed.");
        string? expected = File.Exists(path) ? File.ReadAllText(path) : null;
        string got = System.Text.Encoding.UTF8.GetString(actual);
        if (expected == got) return;
        if (update)
        {
            // Written, and still failed once: the run that changes a golden file never passes, so the change is
            // looked at (git diff) and the next run, without the variable, is the one that passes.
            File.WriteAllBytes(path, actual);
            Assert.Fail($"{goldenName} rewritten from this run's output; review `git diff {path}` and run again " +
                "without SWEEP_UPDATE_GOLDEN.");
        }
        Assert.True(expected is not null,
            $"no golden file {path}; run the tests with SWEEP_UPDATE_GOLDEN=1 to create it, then review it.");
        int at = Enumerable.Range(0, Math.Min(expected.Length, got.Length))
            .FirstOrDefault(i => expected[i] != got[i], Math.Min(expected.Length, got.Length));
        Assert.Fail(
            $"{goldenName} differs from the golden file at character {at}:\n expected …{Around(expected, at)}…\n " +
            $"got      …{Around(got, at)}…");
    }

    private static string Around(string s, int at) =>
        s.Substring(Math.Max(0, at - 60), Math.Min(120, s.Length - Math.Max(0, at - 60)));
}
