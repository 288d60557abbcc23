using Sweep.Core.Errors;

namespace Sweep.Harness.Run;

/// <summary>A run that cannot start as asked (a folder of another sweep, an unknown trial id, halving with a shard);
/// nothing was trained. Built by <see cref="CannotStart"/>: what is in the way, then what to do instead.</summary>
public sealed class RunException : SweepException
{
    private RunException(string message) : base(message, ErrorKind.Invalid) { }

    public static RunException CannotStart(string problem, string remedy) => new($"{problem} {remedy}");
}
