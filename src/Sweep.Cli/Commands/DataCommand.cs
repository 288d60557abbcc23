using System.CommandLine;
using Sweep.Data;
using Sweep.Data.Catalogue;

namespace Sweep.Cli.Commands;

/// <summary>`sweep data list|verify|fetch`: what data sets are known and present, and getting them.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "List, verify and download the data sets sweeps can name.");

        var list = new Command("list", "Known data sets: whether their files are present and verified, and where.");
        list.SetAction(_ => List(verify: false));
        data.Subcommands.Add(list);

        var verify = new Command("verify", "Check every present data file against the catalogue's SHA-256.");
        verify.SetAction(_ => List(verify: true));
        data.Subcommands.Add(verify);

        var name =
            new Argument<string>("name") { Description =
                $"Data set to download: {string.Join(", ", DatasetCatalogue.Names)}." };
        var into =
            new Option<string?>("--into") { Description =
                "Folder to download into (default: $SWEEP_DATA if set, else data/ in the project)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per file and mirror.",
            DefaultValueFactory = _ => 300 };
        var fetch = new Command("fetch", "Download a data set from its public mirrors, verified, into place.") { name,
            into, timeout };
        fetch.SetAction((parse, cancel) => Fetch(parse.GetValue(name)!, parse.GetValue(into), parse.GetValue(timeout),
            cancel));
        data.Subcommands.Add(fetch);
        return data;
    }

    private static DataLocator Locator => DataLocator.Default(ProjectPaths.Root);

    private static int List(bool verify)
    {
        var locator = Locator;
        Console.WriteLine($"Looking in: {string.Join(", ", locator.Folders)}");
        int problems = 0;
        foreach (var entry in DatasetCatalogue.All)
        {
            var found = locator.Find(entry);
            int present = found.Values.Count(p => p is not null);
            string state = present == found.Count ? "present" : present == 0 ? "missing"
                : $"incomplete ({present}/{found.Count} files)";
            if (verify && present > 0)
            {
                var bad = entry.Files.Where(f => found[f.Role] is not null)
                    .Select(f => DatasetVerifier.Problem(f, found[f.Role]!)).OfType<string>().ToList();
                state = bad.Count == 0 ? state + ", verified" : state + ", FAILED verification";
                foreach (string b in bad) Console.WriteLine($"  {b}");
                problems += bad.Count;
            }
            Console.WriteLine($"{entry.Name,-14} {state,-34} {entry.Description}");
            if (present < found.Count)
                Console.WriteLine($"{"",-14} get it with: scripts/sweep data fetch {entry.Name}");
        }
        return problems == 0 ? 0 : 1;
    }

    private static async Task<int> Fetch(string name, string? into, int timeoutSeconds, CancellationToken cancel)
    {
        if (!DatasetCatalogue.TryGet(name, out var entry))
        {
            Console.Error.WriteLine(
                $"error: unknown data set '{name}'. Known: {string.Join(", ", DatasetCatalogue.Names)}.");
            return 2;
        }
        string destination = into ?? Locator.Folders[0];
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            foreach (string line in await new DatasetFetcher(http,
                TimeSpan.FromSeconds(timeoutSeconds)).FetchAsync(entry, destination, cancel: cancel))
                Console.WriteLine(line);
            return 0;
        }
        catch (DataException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
