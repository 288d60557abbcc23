using System.Globalization;
using Sweep.Bench;

// scripts/bench: one line per figure; --csv FILE writes the same as name,value,unit; --quick shortens rounds.
string? csvPath = null; bool quick = false; string only = "";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--csv" when i + 1 < args.Length: csvPath = args[++i]; break;
        case "--quick": quick = true; break;
        case "--only" when i + 1 < args.Length: only = args[++i]; break;
        default: Console.Error.WriteLine(
            $"bench: unknown argument '{args[i]}'. Usage: bench [--csv FILE] [--quick] [--only " +
            "gemm|optimizer|train|search]"); return 2;
    }
}
var figures = new List<BenchFigure>();
var suites = new List<Func<IEnumerable<BenchFigure>>>();
// BenchmarkDotNet's working files go to a folder of this run, removed at the end.
string artifacts = Path.Combine(Path.GetTempPath(), $"sweep-bench-{Environment.ProcessId}");
if (only is "" or "gemm") suites.Add(() => GemmBench.Run(quick, artifacts));
if (only is "" or "optimizer") suites.Add(() => OptimizerBench.Run(quick, artifacts));
if (only is "" or "train") suites.Add(() => TrainBench.Run(quick));
if (only is "" or "search") suites.Add(() => SearchBench.Run(quick, artifacts));
foreach (var suite in suites)
    foreach (var f in suite())
    {
        figures.Add(f);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.Name,-48} {f.Value,10:F3} {f.Unit}"));
    }
if (Directory.Exists(artifacts)) Directory.Delete(artifacts, recursive: true);
// Ratios to the peers come from scripts/bench, which measures them in the same run: no peer timing lives here.
// Written by the results folder's CSV writer: a name with a comma in it ("tpe proposal, 100 finished trials") is
// quoted, and every value reads back as written.
if (csvPath is not null)
    Sweep.Harness.Results.CsvFiles.Write(Path.GetFullPath(csvPath), ["name", "value", "unit"],
        figures.Select(f => (IReadOnlyList<object?>)[f.Name, f.Value, f.Unit]));
return 0;
