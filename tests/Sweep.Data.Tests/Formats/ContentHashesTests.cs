using Sweep.Data.Catalogue;
using Sweep.Data.Formats;

namespace Sweep.Data.Tests.Formats;

public sealed class ContentHashesTests : IDisposable
{
    private readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_read_to_its_end_is_hashed_as_the_verifier_hashes_it(bool gzip)
    {
        var content = new byte[300_000];
        new Random(1).NextBytes(content);
        string path = _files.Write("blob", content, gzip);
        var hashes = new ContentHashes();
        using (var stream = DataFile.Open(path, hashes)) stream.CopyTo(Stream.Null);
        Assert.Equal(DatasetVerifier.ContentSha256(path), hashes.Of(path));
    }

    [Fact]
    public void A_file_left_half_read_has_no_hash()
    {
        string path = _files.Write("blob", new byte[1000], gzip: false);
        var hashes = new ContentHashes();
        using (var stream = DataFile.Open(path, hashes)) stream.ReadExactly(new byte[10]);
        Assert.Throws<InvalidOperationException>(() => hashes.Of(path));
    }

    [Fact]
    public void A_truncated_catalogue_file_names_itself_and_the_command_that_fetches_it_again()
    {
        string good =
            new DataLocator(
                [Path.Combine(TestFiles.RepositoryRoot(), "data")]).Require(DatasetCatalogue.Digits8x8)["all"];
        var bytes = File.ReadAllBytes(good);
        _files.Write("data/digits8x8/digits.csv.gz", bytes[..(bytes.Length / 2)], gzip: false);
        var store = new DataStore(new DataLocator([Path.Combine(_files.Dir, "data")]));
        var error = Assert.Throws<DataException>(() => store.Load(DatasetCatalogue.Digits8x8));
        Assert.Contains("digits.csv.gz", error.Message);
        Assert.Equal("digits8x8", error.DataSet); // the harness adds the command that fetches it
    }
}
