using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Report;

/// <summary>`compare` of two searches, whose drawn configurations never meet: their best-so-far histories side by
/// side and what each drew, without a warning about keys that both searched.</summary>
public sealed class ComparisonBuilderTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private string Run(string name, string space)
    {
        var plan = Expansion.Expand(SpecReader.Read(_files.Write(name + ".yaml", $"name: {name}\n" + SweepFiles.Tiny
            + space)));
        return TestSweeps.Run(plan, Path.Combine(_files.Dir, name), 2).ResultsDir;
    }

    [Fact]
    public void Two_searches_get_their_histories_overlaid_and_what_each_drew()
    {
        const string tpe = """
            search:
              method: tpe
              count: 10
              startup: 4
              seed: 1
              optimizer.lr: { loguniform: [0.001, 0.3] }
              optimizer.name: { choice: [sgd, momentum] }
              optimizer.momentum: { uniform: [0.5, 0.95], when: { optimizer.name: momentum } }

            """;
        string a = Run("tpe", tpe);
        string b = Run("random", tpe.Replace("method: tpe", "method: random").Replace("  startup: 4\n", "")
            .Replace("seed: 1", "seed: 2"));
        var charts = new List<Chart>();
        var comparison = ComparisonBuilder.Build([a, b], Path.Combine(_files.Dir, "compare"),
            new RecordingRenderer(charts));

        var history = charts.OfType<XyChart>().Single(c => c.FileName == "best-so-far");
        Assert.Equal(["tpe", "random"], history.Series.Select(s => s.Label));
        foreach (var series in history.Series)
        {
            // A step that never falls: the best so far of an accuracy.
            Assert.All(series.Points.Zip(series.Points.Skip(1)), p => Assert.True(p.Second.Y >= p.First.Y));
            Assert.Equal(10, series.Points[^1].X);
        }
        // Both drew the same keys: their values differ by design, which is no difference to warn about.
        Assert.DoesNotContain(comparison.Differences, d => d.StartsWith("optimizer.", StringComparison.Ordinal));

        string page = File.ReadAllText(comparison.Page);
        Assert.Contains("What each search drew", page);
        Assert.Matches(@"loguniform: 0\.0\d+–0\.\d+ \(10 trials\)", page);
        Assert.Matches(@"uniform: 0\.\d+–0\.\d+ \(\d trials?\)", page); // momentum: only where it was drawn
        // A row label names no momentum for an sgd configuration, which did not draw it.
        Assert.DoesNotMatch(
            @"optimizer\.name=sgd[^<]*optimizer\.momentum=|optimizer\.momentum=[^<]*optimizer\.name=sgd", page);
    }

    /// <summary>Records the charts it is given and draws them with ScottPlot.</summary>
    private sealed class RecordingRenderer(List<Chart> charts) : IChartRenderer
    {
        private readonly ScottPlotRenderer _inner = new();
        public string MediaType => _inner.MediaType;
        public string Extension => _inner.Extension;
        public byte[] Render(Chart chart) { charts.Add(chart); return _inner.Render(chart); }
        public byte[]? RenderVector(Chart chart) => _inner.RenderVector(chart);
        public bool HasVector(Chart chart) => _inner.HasVector(chart);
    }
}
