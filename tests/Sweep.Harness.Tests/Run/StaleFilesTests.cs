using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

public sealed class StaleFilesTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void Only_what_a_dead_process_of_this_machine_left_or_an_hour_old_foreign_file_is_removed()
    {
        var layout = new ResultsLayout(Path.Combine(_files.Dir, "r"));
        string trial = Path.Combine(layout.TrialsDir, "abc");
        Directory.CreateDirectory(trial);
        string guid = Guid.NewGuid().ToString("N");
        string Make(string name, TimeSpan age)
        {
            string path = Path.Combine(trial, name);
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
            return path;
        }
        string dead = Make($".metrics.csv.{AtomicFile.Host}.999999999.{guid}.tmp", TimeSpan.Zero);
        string mine = Make(Path.GetFileName(AtomicFile.TempName("status.json")), TimeSpan.FromDays(2));
        string foreignNew = Make($".metrics.csv.othernode.1.{guid}.tmp", TimeSpan.FromMinutes(5));
        string foreignOld = Make($".summary.csv.othernode.1.{guid}.tmp", TimeSpan.FromHours(2));
        string user = Make(".notes.tmp", TimeSpan.FromDays(9)); // not a name Sweep writes

        var removed = StaleFiles.Remove(layout);

        Assert.Equal(new[] { dead, foreignOld }.Order(), removed.Order());
        Assert.False(File.Exists(dead));
        Assert.False(File.Exists(foreignOld));
        Assert.True(File.Exists(mine), "this process is alive: its file may be being written");
        Assert.True(File.Exists(foreignNew), "another machine's process may still be writing it");
        Assert.True(File.Exists(user));
    }
}
