using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>`sweep validate`: what a valid file will run, said before anything does.</summary>
public sealed class ValidateCommandTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_tpe_search_says_how_many_configurations_it_will_try_not_only_its_start_up()
    {
        string spec = _files.Write("tpe.yaml", SweepFiles.Digits + """
            seeds: 2
            search:
              method: tpe
              count: 12
              startup: 4
              optimizer.lr: { loguniform: [0.0001, 0.3] }
            """);
        var (code, output) = TestSweeps.Cli("validate", spec);
        Assert.True(code == 0, output);
        Assert.Contains("valid, a tpe search of 12 configurations × 2 seed(s), 8 trials proposed before any result.",
            output);
    }
}
