namespace Sweep.Harness.Report.Charts;

/// <summary>
/// What a chart shows, independent of how it is drawn: the report builds these, an <see cref="IChartRenderer"/>
/// draws them. Immutable, so one description can go to several renderers.
/// </summary>
public abstract record Chart(string Title, string FileName);
