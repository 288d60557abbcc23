using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Results;

public sealed class InvocationLogTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_log_past_its_size_is_rotated_and_stays_readable()
    {
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "r"));
        for (int i = 0; i < 40; i++)
            InvocationLog.Append(layout, Invocation.Start("run", ["run", $"s{i}.yaml"], [], null, $"{i}"), 4096);
        var current = InvocationLog.Read(layout);
        Assert.InRange(new FileInfo(layout.Invocations).Length, 1, 4096);
        Assert.True(File.Exists(layout.InvocationsBefore), "the earlier lines are kept once");
        Assert.Equal("39", current[^1].Selection);
        Assert.True(current.Count < 40);
    }
}
