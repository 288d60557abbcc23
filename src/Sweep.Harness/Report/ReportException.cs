namespace Sweep.Harness.Report;

/// <summary>A results folder the report cannot be built from; the message says which file and what to do.</summary>
public sealed class ReportException(string message) : Exception(message);
