using Sweep.Core.Errors;

namespace Sweep.Cli;

/// <summary>What the exit code says, for scripts and schedulers; the one place where errors become codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The sweep ran, but some trial did not complete (diverged, failed, timed out, interrupted).</summary>
    public const int TrialsIncomplete = 1;
    /// <summary>The sweep file or its data is unusable, or a limit is passed; nothing was run.</summary>
    public const int InvalidSweep = 2;
    /// <summary>The command line itself is wrong (an unknown command or option, a missing argument, a bad value):
    /// the same code as an invalid sweep, as POSIX tools use 2 for misuse.</summary>
    public const int Usage = 2;
    /// <summary>A file or folder could not be read or written, or is damaged (disk full, permissions, a path that is
    /// a file, a results file edited by hand).</summary>
    public const int FileProblem = 3;
    /// <summary>A bug in Sweep (sysexits' EX_SOFTWARE): the trace is printed for a report.</summary>
    public const int InternalError = 70;
    /// <summary>Stopped by Ctrl-C or SIGTERM; running trials were checkpointed.</summary>
    public const int Interrupted = 130;

    public static int For(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => InvalidSweep,
        ErrorKind.File => FileProblem,
        _ => InternalError,
    };
}
