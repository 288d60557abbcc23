using System.Diagnostics;
using System.Globalization;
using System.Text;
using Sweep.Harness.Results;

namespace Sweep.Harness.Run.Programs;

/// <summary>
/// One run of a trial's program: started from an argument list (no shell), its standard input closed, its standard
/// output read line by line (each line bounded) and kept in the trial's stdout.log, its standard error kept in
/// stderr.log with the last lines in memory for the trial's reason. Its process id is written to the trial's
/// program.pid, so that a run after a kill -9 ends a program the killed run left behind.
/// </summary>
internal sealed class ProgramProcess : IDisposable
{
    /// <summary>Characters of one output line kept (the rest of a longer line is dropped, and said).</summary>
    public const int MaxLineChars = 64 * 1024;

    /// <summary>Bytes of each log a trial keeps; past it the log says it was cut.</summary>
    public const long MaxLogBytes = 64L << 20;

    private const int TailLines = 12, TailLineChars = 400;

    private readonly Process _process;
    private readonly BoundedLog _stdout, _stderr;
    private readonly BoundedLineReader _lines;
    private readonly Task _stderrPump;
    private readonly Queue<string> _tail = new();
    private readonly string _pidFile;

    private ProgramProcess(Process process, TrialFolder folder)
    {
        _process = process;
        _pidFile = folder.ProgramPid;
        _stdout = new BoundedLog(folder.ProgramOutput);
        _stderr = new BoundedLog(folder.ProgramErrors);
        _lines = new BoundedLineReader(process.StandardOutput);
        var errors = new BoundedLineReader(process.StandardError);
        _stderrPump = Task.Run(() =>
        {
            while (errors.ReadLine() is { } line)
            {
                _stderr.Write(line);
                lock (_tail)
                {
                    _tail.Enqueue(line.Length > TailLineChars ? line[..TailLineChars] + "…" : line);
                    while (_tail.Count > TailLines) _tail.Dequeue();
                }
            }
        });
    }

    /// <summary>Starts the program; a program an earlier, killed run of Sweep left running for this trial is ended
    /// first.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program cannot be started.</exception>
    public static ProgramProcess Start(IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TrialFolder folder, string banner)
    {
        EndOrphan(folder);
        var start = new ProcessStartInfo(arguments[0])
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        var run = new ProgramProcess(process, folder);
        AtomicFile.WriteAllText(run._pidFile, string.Create(CultureInfo.InvariantCulture,
            $"{process.Id} {StartTime(process.Id)}\n"));
        run._stdout.Write(banner);
        return run;
    }

    /// <summary>The next line of standard output (kept in stdout.log), or null at its end.</summary>
    public string? ReadLine()
    {
        string? line = _lines.ReadLine();
        if (line is null) return null;
        _stdout.Write(line);
        if (_lines.LastWasCut) Note($"the line above was longer than {MaxLineChars:N0} characters and was cut");
        return line;
    }

    /// <summary>Something Sweep says about the output, in stdout.log beside it.</summary>
    public void Note(string text) => _stdout.Write("[sweep] " + text);

    /// <summary>Ends the program and everything it started, now.</summary>
    public void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it had already exited
    }

    /// <summary>Waits for the program to exit and its standard error to be read; its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        _stderrPump.Wait();
        return _process.ExitCode;
    }

    /// <summary>The last lines of standard error, joined: what a failed trial's reason quotes.</summary>
    public string ErrorTail
    {
        get { lock (_tail) return string.Join(" | ", _tail.Where(l => l.Trim().Length > 0).TakeLast(4)); }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        _stdout.Dispose();
        _stderr.Dispose();
        try { File.Delete(_pidFile); }
        catch (IOException) { }
    }

    /// <summary>A program.pid whose process is still the one recorded (same start time): a kill -9 of Sweep left
    /// it running; it is ended with its children before the trial runs again.</summary>
    private static void EndOrphan(TrialFolder folder)
    {
        string path = folder.ProgramPid;
        if (!File.Exists(path)) return;
        string[] recorded = File.ReadAllText(path).Split(' ', StringSplitOptions.TrimEntries);
        if (recorded.Length == 2 && int.TryParse(recorded[0], CultureInfo.InvariantCulture, out int pid)
            && StartTime(pid) is { } started && started == recorded[1])
        {
            try
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill(entireProcessTree: true);
                orphan.WaitForExit(10_000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { }
        }
        File.Delete(path);
    }

    /// <summary>The process's start time in clock ticks since boot (/proc/PID/stat, field 22): with the id, it names
    /// one process, since ids are reused. Null when there is no such process (or no /proc).</summary>
    private static string? StartTime(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 19 ? fields[19] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>Lines of a stream, each at most <see cref="MaxLineChars"/> characters (the rest dropped): a program
    /// that prints without newlines cannot fill Sweep's memory.</summary>
    private sealed class BoundedLineReader(StreamReader reader)
    {
        private readonly char[] _buffer = new char[8192];
        private int _start, _end;
        private bool _ended;

        public bool LastWasCut { get; private set; }

        public string? ReadLine()
        {
            var line = new StringBuilder();
            LastWasCut = false;
            while (true)
            {
                if (_start == _end)
                {
                    if (_ended) return line.Length > 0 || LastWasCut ? line.ToString() : null;
                    _start = 0;
                    _end = reader.Read(_buffer, 0, _buffer.Length);
                    if (_end == 0) _ended = true;
                    continue;
                }
                int newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
                int stop = newline < 0 ? _end : newline;
                int take = Math.Min(MaxLineChars - line.Length, stop - _start);
                line.Append(_buffer, _start, take);
                if (stop - _start > take) LastWasCut = true;
                _start = newline < 0 ? _end : newline + 1;
                if (newline >= 0) return line.ToString().TrimEnd('\r');
            }
        }
    }

    /// <summary>A log appended line by line up to <see cref="MaxLogBytes"/>, then cut with a last line saying
    /// so.</summary>
    private sealed class BoundedLog(string path) : IDisposable
    {
        private readonly StreamWriter _writer = Open(path);

        private static StreamWriter Open(string path)
        {
            Sweep.Core.Files.WriteGuard.CheckFile(path);
            return new(path, append: true, new UTF8Encoding(false)) { AutoFlush = true };
        }

        private long _bytes = File.Exists(path) ? new FileInfo(path).Length : 0;
        private bool _cut;

        public void Write(string line)
        {
            lock (_writer)
            {
                if (_cut) return;
                long size = Encoding.UTF8.GetByteCount(line) + 1;
                if (_bytes + size > MaxLogBytes)
                {
                    _writer.WriteLine($"[sweep] log cut at {MaxLogBytes >> 20} MiB: the rest of this run's output " +
                        "was not kept");
                    _cut = true;
                    return;
                }
                _bytes += size;
                _writer.WriteLine(line);
            }
        }

        public void Dispose()
        {
            lock (_writer) _writer.Dispose();
        }
    }
}
