using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Spec;

public class SchemaTests
{
    [Fact]
    public void Every_key_is_documented_with_its_default()
    {
        string doc = File.ReadAllText(Path.Combine(SweepFiles.RepositoryRoot(), "docs", "sweep-files.md"));
        foreach (var key in Schema.Keys)
        {
            var row = doc.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{key.Path}` |", StringComparison.Ordinal));
            Assert.True(row is not null, $"docs/sweep-files.md has no row for {key.Path}");
            string cell = row!.Split('|')[3].Trim().Trim('`');
            if (key.Default is double number)
                Assert.Equal(number, double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture));
            else if (key.Default is { } other) Assert.Equal(SpecValue.Format(other), cell);
        }
    }
}
