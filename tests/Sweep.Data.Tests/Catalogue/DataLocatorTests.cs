using Sweep.Data.Catalogue;

namespace Sweep.Data.Tests.Catalogue;

public sealed class DataLocatorTests : IDisposable
{
    private readonly TestFiles _files = new();
    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_missing_data_set_names_the_folders_and_the_command_that_gets_it()
    {
        var locator = new DataLocator([Path.Combine(_files.Dir, "a"), Path.Combine(_files.Dir, "b")]);
        var error = Assert.Throws<DataException>(() => locator.Require(DatasetCatalogue.Mnist));
        Assert.Equal("mnist", error.DataSet); // the harness adds the command that fetches it
        Assert.Contains(Path.Combine(_files.Dir, "a", "mnist"), error.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", error.Message);
    }

    [Fact]
    public void Earlier_folders_win_and_decompressed_copies_count()
    {
        _files.Text("first/digits8x8/digits.csv", "x");
        _files.Text("second/digits8x8/digits.csv.gz", "x");
        var locator = new DataLocator([Path.Combine(_files.Dir, "first"), Path.Combine(_files.Dir, "second")]);
        Assert.Equal(Path.Combine(_files.Dir, "first", "digits8x8", "digits.csv"),
            locator.Require(DatasetCatalogue.Digits8x8)["all"]);
    }

    [Fact]
    public void A_folder_naming_the_data_set_itself_is_looked_in_too()
    {
        // SWEEP_DATA=/data/digits8x8 rather than /data: the files are found, not looked for in digits8x8/digits8x8.
        _files.Text("data/digits8x8/digits.csv.gz", "x");
        var locator = new DataLocator([Path.Combine(_files.Dir, "data", "digits8x8")]);
        Assert.Equal(Path.Combine(_files.Dir, "data", "digits8x8", "digits.csv.gz"),
            locator.Require(DatasetCatalogue.Digits8x8)["all"]);
    }

    [Fact]
    public void The_shipped_digits_are_found_in_the_project_and_verify()
    {
        var locator = new DataLocator([Path.Combine(TestFiles.RepositoryRoot(), "data")]);
        string path = locator.Require(DatasetCatalogue.Digits8x8)["all"];
        Assert.Null(DatasetVerifier.Problem(DatasetCatalogue.Digits8x8.Files[0], path));
    }

    [Fact]
    public void A_file_with_other_content_fails_verification_and_loading()
    {
        _files.Write("data/digits8x8/digits.csv.gz",
            System.Text.Encoding.ASCII.GetBytes(string.Join(',', Enumerable.Repeat(1, 65)) + "\n"), gzip: true);
        var store = new DataStore(new DataLocator([Path.Combine(_files.Dir, "data")]));
        Assert.NotNull(
            DatasetVerifier.Problem(DatasetCatalogue.Digits8x8.Files[0],
            store.Locator.Require(DatasetCatalogue.Digits8x8)["all"]));
        var error = Assert.Throws<DataException>(() => store.Load(DatasetCatalogue.Digits8x8));
        Assert.Contains("checksum does not match", error.Message);
        Assert.Equal("digits8x8", error.DataSet);
    }

    [Fact]
    public void The_store_loads_a_data_set_once_and_shares_it()
    {
        var store = new DataStore(new DataLocator([Path.Combine(TestFiles.RepositoryRoot(), "data")]));
        Assert.Same(store.Load(DatasetCatalogue.Digits8x8).Train, store.Load(DatasetCatalogue.Digits8x8).Train);
    }

    [RealMnistFact]
    public void The_real_mnist_verifies_against_the_catalogue()
    {
        var locator = new DataLocator([RealMnistFactAttribute.Required]);
        var paths = locator.Require(DatasetCatalogue.Mnist);
        foreach (var file in DatasetCatalogue.Mnist.Files) Assert.Null(DatasetVerifier.Problem(file, paths[file.Role]));
    }
}
