namespace Sweep.Data.Catalogue;

/// <summary>
/// Downloads a catalogue data set as a user would: each file from the data set's mirrors in turn, into a temporary
/// name beside its destination, checked against the catalogue's SHA-256, and only then renamed into place. An
/// interrupted or corrupt download therefore never leaves a file that looks valid.
/// </summary>
public sealed class DatasetFetcher(HttpClient http, TimeSpan perFileTimeout)
{
    /// <summary>Downloads every file of <paramref name="entry"/> missing or damaged in destination/&lt;name&gt;/;
    /// returns what it did per file.</summary>
    public async Task<IReadOnlyList<string>> FetchAsync(DatasetEntry entry, string destination,
        IReadOnlyList<string>? mirrors = null, CancellationToken cancel = default)
    {
        mirrors ??= entry.Mirrors;
        string folder = Path.Combine(destination, entry.Name);
        bool created = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        try { return await FetchInto(entry, folder, mirrors, cancel); }
        catch
        {
            // A folder this call made and filled with nothing would look like a data set that is there.
            if (created && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
                Directory.Delete(folder);
            throw;
        }
    }

    private async Task<IReadOnlyList<string>> FetchInto(DatasetEntry entry, string folder,
        IReadOnlyList<string> mirrors, CancellationToken cancel)
    {
        var report = new List<string>();
        foreach (var file in entry.Files)
        {
            string target = Path.Combine(folder, file.FileName);
            if (File.Exists(target) && DatasetVerifier.Problem(file, target) is null)
            {
                report.Add($"{target}: present and verified");
                continue;
            }
            var failures = new List<string>();
            bool done = false;
            foreach (string mirror in mirrors)
            {
                string url = mirror.TrimEnd('/') + "/" + file.FileName;
                string? problem = await TryDownloadAsync(url, file, target, cancel);
                if (problem is null)
                {
                    report.Add($"{target}: downloaded from {url} and verified");
                    done = true;
                    break;
                }
                failures.Add($"  {url}: {problem}");
            }
            if (!done)
                throw DataException.NotDownloaded(entry.Name, file.FileName, failures, folder);
        }
        return report;
    }

    /// <summary>Null on success, else why this mirror failed. Never leaves a partial file behind.</summary>
    private async Task<string?> TryDownloadAsync(string url, DatasetFile file, string target, CancellationToken cancel)
    {
        string temp = Path.Combine(Path.GetDirectoryName(target)!,
            $".{Path.GetFileName(target)}.{Environment.ProcessId}.partial");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            timeout.CancelAfter(perFileTimeout);
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode) return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            long? expected = response.Content.Headers.ContentLength;
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                await using var input = await response.Content.ReadAsStreamAsync(timeout.Token);
                await input.CopyToAsync(output, timeout.Token);
                if (expected is long length && output.Length != length)
                    return $"the download stopped after {output.Length} of {length} bytes";
                output.Flush(flushToDisk: true);
            }
            if (DatasetVerifier.Problem(file, temp) is { } problem) return problem.Replace(temp, "the download");
            File.Move(temp, target, overwrite: true);
            return null;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return $"no complete answer within {perFileTimeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return e.Message;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
