using Sweep.Harness.Plan;
using Sweep.Harness.Report;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Report;

public sealed class ImportanceFileTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_search_of_enough_configurations_ranks_its_keys_and_leaves_a_conditional_key_unranked()
    {
        var plan = Expansion.Expand(
            SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + SweepFiles.ConditionalSearch)));
        var outcome = TestSweeps.Run(plan, Path.Combine(_files.Dir, "out"), 2);
        ReportBuilder.Build(outcome.ResultsDir);

        var rows = CsvFiles.Read(new ResultsLayout(outcome.ResultsDir).Importance, ["key", "variance_share", "method"],
            "").Rows;
        Assert.Equal(["optimizer.lr", "optimizer.name"], rows.Where(r => r["variance_share"] != "")
            .Select(r => r["key"]).Order());
        var momentum = Assert.Single(rows, r => r["key"] == "optimizer.momentum");
        Assert.Equal("", momentum["variance_share"]);
        Assert.StartsWith("not ranked", momentum["method"], StringComparison.Ordinal);
        // Ranked first: the key whose share is largest.
        var shares = rows.Where(r => r["variance_share"] != "")
            .Select(r => double.Parse(r["variance_share"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(shares.OrderDescending(), shares);
    }
}
