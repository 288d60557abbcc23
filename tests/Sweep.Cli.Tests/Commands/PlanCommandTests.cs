using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep plan` as a user reads it before anything runs.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_search_key_a_trial_did_not_draw_shows_as_a_dash_not_as_its_default()
    {
        string spec = _files.Write("conditional.yaml", SweepFiles.Digits + SweepFiles.ConditionalSearch);
        var (code, output) = TestSweeps.Cli("plan", spec, "--out", Path.Combine(_files.Dir, "out"));
        Assert.Equal(0, code);
        var rows = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length > 4 && p[0].All(char.IsAsciiDigit) && p[1].Length == 12).ToList();
        Assert.Equal(10, rows.Count);
        // Columns: #, trial, optimizer.lr, optimizer.name, optimizer.momentum, results.
        Assert.All(rows.Where(r => r[3] == "sgd"), r => Assert.Equal("–", r[4]));
        Assert.All(rows.Where(r => r[3] == "momentum"), r => Assert.InRange(
            double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture), 0.5, 0.95));
        Assert.Contains(rows, r => r[3] == "sgd");
        Assert.Contains(rows, r => r[3] == "momentum");
    }
}
