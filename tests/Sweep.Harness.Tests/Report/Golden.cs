namespace Sweep.Harness.Tests.Report;

/// <summary>
/// Expected output files under tests/Sweep.Harness.Tests/Report/Golden. After a deliberate change to the output,
/// run the tests once with SWEEP_UPDATE_GOLDEN=1 and review the diff of the golden files.
/// </summary>
internal static class Golden
{
    public static string Dir => Path.Combine(SweepFiles.RepositoryRoot(), "tests", "Sweep.Harness.Tests", "Report",
        "Golden");

    public static void AssertMatches(string goldenName, byte[] actual)
    {
        string path = Path.Combine(Dir, goldenName);
        if (Environment.GetEnvironmentVariable("SWEEP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
            return;
        }
        Assert.True(File.Exists(path),
            $"no golden file {path}; run the tests with SWEEP_UPDATE_GOLDEN=1 to create it, then review it.");
        string expected = File.ReadAllText(path), got = System.Text.Encoding.UTF8.GetString(actual);
        if (expected != got)
        {
            int at = Enumerable.Range(0, Math.Min(expected.Length, got.Length))
                .FirstOrDefault(i => expected[i] != got[i], Math.Min(expected.Length, got.Length));
            Assert.Fail(
                $"{goldenName} differs from the golden file at character {at}:\n expected …{Around(expected, at)}…\n " +
                $"got      …{Around(got, at)}…");
        }
    }

    private static string Around(string s, int at) =>
        s.Substring(Math.Max(0, at - 60), Math.Min(120, s.Length - Math.Max(0, at - 60)));
}
