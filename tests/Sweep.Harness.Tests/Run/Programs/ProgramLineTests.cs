using Sweep.Harness.Run.Programs;

namespace Sweep.Harness.Tests.Run.Programs;

/// <summary>A program's output lines: JSON objects with an epoch are epochs; anything else is output, and what is
/// wrong with a line that looks like a report is said, never thrown.</summary>
public sealed class ProgramLineTests
{
    [Fact]
    public void A_report_gives_its_epoch_and_numeric_metrics()
    {
        var epoch = ProgramLine.Parse("""  {"epoch": 3, "val_accuracy": 0.91, "val_loss": 0.3, "lr": 0.01}  """,
            out string? note);
        Assert.Null(note);
        Assert.NotNull(epoch);
        Assert.Equal(3, epoch.Epoch);
        Assert.Equal(0.91, epoch["val_accuracy"]);
        Assert.Equal(0.01, epoch["learning_rate"]);
        Assert.Null(epoch["train_loss"]);
    }

    [Theory]
    [InlineData("loading data...", null)]
    [InlineData("{not json", "not JSON")]
    [InlineData("{\"val_accuracy\": 0.5}", "no \"epoch\"")]
    [InlineData("{\"epoch\": 0, \"val_accuracy\": 0.5}", "no \"epoch\"")]
    [InlineData("{\"epoch\": 2.5}", "no \"epoch\"")]
    public void Other_lines_are_output_and_a_broken_report_is_named(string line, string? said)
    {
        Assert.Null(ProgramLine.Parse(line, out string? note));
        if (said is null) Assert.Null(note);
        else Assert.Contains(said, note);
    }

    [Fact]
    public void A_metric_that_is_not_a_number_is_left_out_and_named()
    {
        var epoch = ProgramLine.Parse("""{"epoch": 1, "val_accuracy": "high", "val_loss": 0.2}""", out string? note);
        Assert.NotNull(epoch);
        Assert.Null(epoch["val_accuracy"]);
        Assert.Equal(0.2, epoch["val_loss"]);
        Assert.Contains("\"val_accuracy\" not a number", note);
    }

    [Fact]
    public void Pythons_bare_nan_and_infinity_read_as_what_they_mean()
    {
        var epoch = ProgramLine.Parse("""{"epoch": 2, "train_loss": NaN, "val_loss": Infinity, "x": -Infinity}""",
            out string? note);
        Assert.Null(note);
        Assert.True(double.IsNaN(epoch!["train_loss"]!.Value));
        Assert.Equal(double.PositiveInfinity, epoch["val_loss"]);
        Assert.Equal(double.NegativeInfinity, epoch["x"]);
    }
}
