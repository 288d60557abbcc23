using System.Diagnostics;
using Sweep.Core.Files;

namespace Sweep.Core.Tests.Files;

/// <summary>The rule for every write, on targets made in a temporary folder.</summary>
public sealed class WriteGuardTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sweep-guard-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_missing_or_regular_target_may_be_written()
    {
        WriteGuard.CheckFile(Path.Combine(_dir, "new.txt"));
        File.WriteAllText(Path.Combine(_dir, "old.txt"), "x");
        WriteGuard.CheckFile(Path.Combine(_dir, "old.txt"));
    }

    [Fact]
    public void A_fifo_a_folder_or_a_link_is_refused()
    {
        string fifo = Path.Combine(_dir, "fifo");
        using (var p = Process.Start("mkfifo", [fifo])) p.WaitForExit();
        Assert.Contains("FIFO", Assert.Throws<WriteRefusedException>(() => WriteGuard.CheckFile(fifo)).Message);
        Assert.Contains("folder", Assert.Throws<WriteRefusedException>(() => WriteGuard.CheckFile(_dir)).Message);
        string link = Path.Combine(_dir, "link");
        File.CreateSymbolicLink(link, Path.Combine(_dir, "anywhere"));
        Assert.Contains("symbolic link",
            Assert.Throws<WriteRefusedException>(() => WriteGuard.CheckFile(link)).Message);
    }

    [Fact]
    public void Inside_an_owned_folder_no_folder_on_the_way_is_a_link_but_the_owned_folder_may_be_one()
    {
        string real = Directory.CreateDirectory(Path.Combine(_dir, "real")).FullName;
        string owned = Path.Combine(_dir, "owned-via-link");
        Directory.CreateSymbolicLink(owned, real);
        WriteGuard.Own(owned);
        WriteGuard.CreateDirectory(Path.Combine(owned, "trials", "a"));
        WriteGuard.CheckFile(Path.Combine(owned, "trials", "a", "status.json"));
        string elsewhere = Directory.CreateDirectory(Path.Combine(_dir, "elsewhere")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(owned, "trials", "b"), elsewhere);
        var e = Assert.Throws<WriteRefusedException>(() =>
            WriteGuard.CheckFile(Path.Combine(owned, "trials", "b", "status.json")));
        Assert.Contains("symbolic link inside", e.Message);
        Assert.Throws<WriteRefusedException>(() => WriteGuard.CreateDirectory(Path.Combine(owned, "trials", "b", "c")));
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
    }

    [Fact]
    public void A_file_where_a_folder_is_needed_is_refused()
    {
        File.WriteAllText(Path.Combine(_dir, "charts"), "");
        Assert.Throws<WriteRefusedException>(() => WriteGuard.CreateDirectory(Path.Combine(_dir, "charts")));
    }
}
