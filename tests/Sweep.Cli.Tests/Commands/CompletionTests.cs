using System.Diagnostics;
using Sweep.Harness.Tests;

namespace Sweep.Cli.Tests.Commands;

/// <summary>scripts/completion.bash in a real bash, against the real CLI: what a user's TAB offers.</summary>
public sealed class CompletionTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private string[] Complete(string line)
    {
        // "sweep" stands for the CLI the tests built, so that bash calls it as it would call scripts/sweep.
        string sweep = Path.Combine(_files.Dir, "sweep");
        File.WriteAllText(sweep,
            $"#!/bin/bash\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "sweep.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(sweep, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string script = $"""
            source '{Path.Combine(SweepFiles.RepositoryRoot(), "scripts", "completion.bash")}'
            COMP_LINE='{line}'; COMP_POINT=${"{"}#COMP_LINE{"}"}
            read -ra COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_WORDS[0]='{sweep}'; COMP_CWORD=$(( ${"{"}#COMP_WORDS[@]{"}"} - 1 ))
            _sweep_complete
            printf '%s\n' "${"{"}COMPREPLY[@]{"}"}"
            """;
        using var bash =
            Process.Start(
                new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true,
                RedirectStandardError = true })!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Commands_options_and_option_values_complete()
    {
        Assert.Contains("report", Complete("sweep re"));
        Assert.Equal(["--progress"], Complete("sweep run --progr"));
        Assert.Equal(["auto", "live", "plain", "quiet"], Complete("sweep run --progress ").Order());
    }

    [Fact]
    public void Help_works_as_a_command()
    {
        var (code, output) = TestSweeps.Cli("help", "run");
        Assert.Equal(0, code);
        Assert.Contains("sweep run <file> [<overrides>...] [options]", output);
        Assert.Contains("--progress", output);
        (code, output) = TestSweeps.Cli("help");
        Assert.Equal(0, code);
        Assert.Contains("predict", output);
        (code, output) = TestSweeps.Cli("help", "nope");
        Assert.Equal(2, code);
        Assert.Contains("there is no command 'nope'", output);
    }
}
