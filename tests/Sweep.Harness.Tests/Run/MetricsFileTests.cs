using Sweep.Harness.Results;

namespace Sweep.Harness.Tests.Run;

public sealed class MetricsFileTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Header = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds\n";

    [Fact]
    public void Rows_read_back_as_written_and_a_missing_file_has_none()
    {
        string path = Path.Combine(_files.Dir, "metrics.csv");
        Assert.Empty(MetricsFile.Read(path));
        EpochRow[] rows = [new(1, 0.5, 0.8, 0.4, 0.85, 0.01, 1.25), new(2, 0.25, 0.9, null, null, 0.005, 0.1 + 0.2,
            LentShare: 0.9445)];
        MetricsFile.Write(path, rows);
        Assert.Equal(rows, MetricsFile.Read(path));
    }

    [Fact]
    public void A_file_written_before_cores_were_lent_reads_as_trained_on_one_core()
    {
        string path = _files.Write("metrics.csv", Header + "1,0.5,0.8,0.4,0.85,0.01,1.5\n");
        Assert.Equal([new EpochRow(1, 0.5, 0.8, 0.4, 0.85, 0.01, 1.5)], MetricsFile.Read(path));
    }

    [Theory]
    [InlineData("epoch,train_loss\n1,2\n", "line 1: no 'train_accuracy' column")]
    [InlineData(Header + "1,0.5,0.8,0.4,0.85,0.01,1\n2,0.5,lots,0.4,0.85,0.01,1\n",
        "line 3: train_accuracy 'lots' is not a number")]
    [InlineData(Header + "1.5,0.5,0.8,0.4,0.85,0.01,1\n", "line 2: epoch '1.5' is not a whole number")]
    [InlineData(Header + "1,0.5,0.8,0.4,0.85,0.01\n", "line 2: has 6 cells but the header names 7 columns")]
    [InlineData(Header + "1,\"0.5,0.8\n", "line 2: has 2 cells")]
    [InlineData("epoch,epoch,train_loss\n", "line 1: the column 'epoch' appears twice")]
    [InlineData("\0\u0001\u0002garbage\n\u0003", "is binary, not a CSV table")]
    [InlineData("epoch,train_loss,train_accuracy,val_loss,val_accuracy,learning_rate,seconds,lent_share\n" +
        "1,0.5,0.8,0.4,0.85,0.01,1,1.5\n", "line 2: lent_share 1.5 is not a share (0 to 1)")]
    public void A_damaged_file_is_named_with_its_line_and_what_to_do(string text, string problem)
    {
        string path = _files.Write("metrics.csv", text);
        var error = Assert.Throws<ResultsFileException>(() => MetricsFile.Read(path));
        Assert.StartsWith(path + ": " + problem, error.Message);
        Assert.Contains("delete the trial's folder", error.Message);
    }
}
