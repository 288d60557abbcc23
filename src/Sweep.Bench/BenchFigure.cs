namespace Sweep.Bench;

/// <summary>One measured figure: a row of the bench's CSV (name,value,unit).</summary>
internal sealed record BenchFigure(string Name, double Value, string Unit);
