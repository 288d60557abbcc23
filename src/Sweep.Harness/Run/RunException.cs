using Sweep.Core.Errors;

namespace Sweep.Harness.Run;

/// <summary>A run that cannot start as asked (a folder of another sweep, an unknown trial id, halving with a shard);
/// nothing was trained. The message says what to do instead.</summary>
public sealed class RunException(string message) : SweepException(message, ErrorKind.Invalid);
