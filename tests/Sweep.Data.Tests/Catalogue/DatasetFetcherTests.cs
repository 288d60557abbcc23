using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Sweep.Data.Catalogue;

namespace Sweep.Data.Tests.Catalogue;

/// <summary>Downloads against a real HTTP server on loopback that serves files this test makes, good and bad.</summary>
public sealed class DatasetFetcherTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly HttpListener _server = new();
    private readonly Dictionary<string, Func<HttpListenerResponse, Task>> _routes = new();
    private readonly string _base;
    private readonly byte[] _good;
    private readonly DatasetEntry _entry;

    public DatasetFetcherTests()
    {
        int port = FreePort();
        _base = $"http://127.0.0.1:{port}/";
        _server.Prefixes.Add(_base);
        _server.Start();
        _ = Serve();
        string csv = string.Join('\n',
            Enumerable.Range(0, 20).Select(i => string.Join(',', Enumerable.Repeat(i % 17, 64)) + "," + i % 10)) + "\n";
        using (var ms = new MemoryStream())
        {
            using (var z = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
                z.Write(System.Text.Encoding.ASCII.GetBytes(csv));
            _good = ms.ToArray();
        }
        string sha = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(csv)));
        _entry =
            DatasetCatalogue.Digits8x8 with { Name = "tiny", Files = [new DatasetFile("all", "digits.csv.gz", sha)] };
    }

    public void Dispose()
    {
        _server.Close();
        _files.Dispose();
    }

    private string Mirror(string name, Func<HttpListenerResponse, Task> respond)
    {
        _routes[$"/{name}/digits.csv.gz"] = respond;
        return _base + name + "/";
    }

    private Func<HttpListenerResponse, Task> Bytes(byte[] body, long? claimedLength = null) => async r =>
    {
        r.ContentLength64 = claimedLength ?? body.Length;
        try { await r.OutputStream.WriteAsync(body); } catch (HttpListenerException) { }
        r.Abort(); // ends the connection: with a larger claimed length the client sees a cut-off download
    };

    private DatasetFetcher Fetcher(double timeoutSeconds = 5) =>
        new(new HttpClient(), TimeSpan.FromSeconds(timeoutSeconds));

    [Fact]
    public async Task A_good_mirror_gives_a_verified_file_in_place()
    {
        string good = Mirror("good", Bytes(_good));
        var report = await Fetcher().FetchAsync(_entry, _files.Dir, [good]);
        Assert.Contains("verified", report[0]);
        Assert.Equal(_good, File.ReadAllBytes(Path.Combine(_files.Dir, "tiny", "digits.csv.gz")));
        Assert.Contains("present and verified", (await Fetcher().FetchAsync(_entry, _files.Dir, [good]))[0]);
    }

    [Fact]
    public async Task Bad_mirrors_are_tried_in_turn_until_one_serves_the_right_file()
    {
        string missing = Mirror("missing", r => { r.StatusCode = 404; r.Close(); return Task.CompletedTask; });
        string truncated = Mirror("truncated", Bytes(_good[..(_good.Length / 2)], claimedLength: _good.Length));
        string wrong = Mirror("wrong", Bytes(_good[..^8].Concat(new byte[8]).ToArray()));
        string slow = Mirror("slow", async r => { await Task.Delay(3000); await Bytes(_good)(r); });
        string good = Mirror("good", Bytes(_good));

        var report = await Fetcher(timeoutSeconds: 1)
            .FetchAsync(_entry, _files.Dir, [missing, truncated, wrong, slow, good]);
        Assert.Contains(good, report[0]);
        Assert.Equal(_good, File.ReadAllBytes(Path.Combine(_files.Dir, "tiny", "digits.csv.gz")));
        Assert.Single(Directory.GetFiles(Path.Combine(_files.Dir, "tiny"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task When_every_mirror_fails_each_reason_is_given_and_no_file_is_left()
    {
        string missing = Mirror("missing", r => { r.StatusCode = 404; r.Close(); return Task.CompletedTask; });
        string wrong = Mirror("wrong", Bytes(_good[..^8].Concat(new byte[8]).ToArray()));
        var error = await Assert.ThrowsAsync<DataException>(() => Fetcher()
            .FetchAsync(_entry, _files.Dir, [missing, wrong]));
        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains(wrong, error.Message);
        Assert.False(Directory.Exists(Path.Combine(_files.Dir, "tiny")),
            "the folder it made for nothing is gone, so nothing looks fetched");
    }

    private async Task Serve()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try { context = await _server.GetContextAsync(); }
            catch (Exception e)
                when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    if (_routes.TryGetValue(context.Request.Url!.AbsolutePath, out var respond))
                        await respond(context.Response);
                    else { context.Response.StatusCode = 404; context.Response.Close(); }
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException) { }
            });
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
