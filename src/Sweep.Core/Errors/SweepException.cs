namespace Sweep.Core.Errors;

/// <summary>What kind of problem a domain error is; the CLI maps each kind to one exit code, in one place.</summary>
public enum ErrorKind
{
    /// <summary>The user's input asks for something Sweep will not do (a bad value, a limit passed): exit 2.</summary>
    Invalid,
    /// <summary>A file or folder cannot be read or written, or is damaged: exit 3.</summary>
    File,
}

/// <summary>
/// The root of Sweep's domain errors: a user's mistake or a damaged file, never a bug. Every message says what is
/// wrong, where (file, line, key) and what to do next; the CLI prints it without a trace. Anything that is not a
/// <see cref="SweepException"/> (or an I/O error of the system) is a bug and exits 70.
/// </summary>
public abstract class SweepException(string message, ErrorKind kind, Exception? inner = null)
    : Exception(message, inner)
{
    public ErrorKind Kind { get; } = kind;
}
