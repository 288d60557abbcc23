using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Spec;

public sealed class SpecReaderTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private IReadOnlyList<SpecProblem> Problems(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => SpecReader.Read(_files.Write("s.yaml", yaml), overrides)).Problems;

    // Each row: a sweep file, the line of the problem (0 = whole file), the key, and words of the message.
    public static TheoryData<string, int, string, string> Invalid => new()
    {
        { "name: x\ndata:\n  dataset: digits8x8\nmodle:\n  hidden: [8]\n", 4, "modle", "Did you mean 'model'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  hiden: [8]\n", 5, "model.hiden",
            "Did you mean 'model.hidden'?" },
        { "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  batch_size: 0\n", 5, "train.batch_size", "greater than 0" },
        { "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  epochs: ten\n", 5, "train.epochs",
            "'ten' is not a whole number" },
        { "name: x\ndata:\n  dataset: digits8x8\noptimizer:\n  lr: -0.1\n", 5, "optimizer.lr", "greater than 0" },
        { "name: x\ndata:\n  dataset: digits8x8\noptimizer:\n  name: adamm\n", 5, "optimizer.name",
            "Did you mean 'adam'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  activation: rleu\n", 5, "model.activation",
            "Known: identity, leaky_relu, linear, relu, sigmoid, tanh" },
        { "name: x\ndata:\n  dataset: emnist\n", 3, "data.dataset", "Known: digits8x8, fashion-mnist, mnist" },
        { "name: x\ndata:\n  dataset: mnist\nmodel:\n  layers: [784, 128, 12]\n", 5, "model.layers",
            "ends with 12 outputs but mnist has 10 classes" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  layers: [784, 10]\n", 5, "model.layers",
            "starts with 784 inputs but digits8x8 images have 64 pixels" },
        { "name: x\ndata:\n  dataset: digits8x8\ngrid:\n  optimizer.lr: []\n", 5, "grid.optimizer.lr",
            "non-empty list" },
        { "name: x\ndata:\n  dataset: digits8x8\ngrid:\n  optimizer.lr: [0.1, -1]\n", 5, "grid.optimizer.lr",
            "greater than 0" },
        { "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  epochs: [1, 2]\n", 5, "train.epochs",
            "put the key under grid:" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  output: sigmoid\n", 5, "model.output",
            "Use train.loss: mse" },
        { "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  early_stopping:\n    patience: 3\n", 6,
            "train.early_stopping.patience", "set data.split.validation" },
        // caught when splitting: DataException at run time
        { "name: x\ndata:\n  dataset: digits8x8\n  split: {train: 1797}\n", 0, "", "" },
        { "name: x\ndata: [1, 2\n", 3, "", "YAML syntax error" }, // the parser notices at the end of input
        { "name: x\na: &anchor 1\nb: *anchor\n", 2, "", "anchors and aliases" },
        { "data:\n  dataset: digits8x8\n", 0, "name", "is required" },
        { "name: my sweep\ndata:\n  dataset: digits8x8\n", 1, "name", "cannot name a sweep: use 1 to 100 letters" },
        { "name: x\n", 0, "data.dataset", "is required" },
        { "- just\n- a list\n", 1, "", "a sweep file is a mapping" },
        { "name: x\ndata:\n  dataset: mnist\n  split:\n    train: 1000\n", 5, "data.split.train",
            "has an official test set" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  layers: [64, 10]\n  hidden: [8]\n", 6, "model.hidden",
            "not both" },
        { "name: x\ndata:\n  dataset: digits8x8\nzip:\n  optimizer.lr: [0.1, 0.01]\n  train.epochs: [1, 2, 3]\n", 6,
            "zip.train.epochs", "has 3 values but optimizer.lr has 2" },
        { "name: x\ndata:\n  dataset: digits8x8\nzip:\n  optimzer.lr: [0.1]\n", 5, "zip.optimzer.lr",
            "Did you mean 'optimizer.lr'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nvariants:\n  sgd: { optimizer.name: sgdd }\n", 5,
            "variants.sgd.optimizer.name", "Did you mean 'sgd'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nvariants:\n  sgd: 3\n", 5, "variants.sgd", "maps keys to the values" },
        { "name: x\ndata:\n  dataset: digits8x8\nvariants:\n  my sgd: { optimizer.name: sgd }\n", 5, "variants",
            "not a usable variant name" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 4\n  optimizer.lr: { loguniform: [0, 0.1] }\n", 6,
            "random.optimizer.lr", "loguniform needs lo > 0" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 4\n  train.batch_size: { uniform: [8, 64] }\n", 6,
            "random.train.batch_size", "draw it with int: [lo, hi]" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 4\n  optimizer.lr: { normal: [0, 1] }\n", 6,
            "random.optimizer.lr", "give one distribution" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 4\n  train.epochs: { int: [0, 5] }\n", 6,
            "random.train.epochs", "the range reaches 0" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  optimizer.lr: { uniform: [0.01, 0.1] }\n", 5,
            "random.count", "is required" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 0\n  optimizer.lr: { uniform: [0.01, 0.1] }\n", 5,
            "random.count", "from 1 to 10,000" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 2\n  optimizer.lr: { uniform: [0.1, 0.01] }\n", 6,
            "random.optimizer.lr", "lo ≤ hi" },
        { "name: x\ndata:\n  dataset: digits8x8\nexclude:\n  - { optimizer.nam: adam }\n", 5, "exclude.optimizer.nam",
            "Did you mean 'optimizer.name'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nexclude: { optimizer.name: adam }\n", 4, "exclude",
            "is a list of combinations" },
        { "name: x\ndata:\n  dataset: digits8x8\ngrid:\n  optimizer.name: [sgd, adam]\nexclude:\n  - { " +
            "optimizer.name: [sgd, adam] }\n", 7, "exclude", "leaves no trial to run" },
        { "name: x\ndata:\n  dataset: digits8x8\ngrid:\n  model.layers: [[64, 10], [784, 10]]\nexclude:\n  - { " +
            "model.layers: [784, 10] }\n", 0, "", "" },
        { "name: x\ndata:\n  dataset: digits8x8\ngrid:\n  model.layers: [[64, 10], [784, 10]]\n", 5, "model.layers",
            "starts with 784 inputs" },
        { "name: x\ndata:\n  dataset: digits8x8\nvariants:\n  a: { train.loss: mse }\n  b: { train.loss: " +
            "cross_entropy }\n", 5, "train.loss", "takes an element-wise output" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2, 5] }\n", 4, "halving",
            "set data.split.validation too" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nhalving: { rungs: [2, 10] }\n", 5,
            "halving.rungs", "must come before the last epoch (10)" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [3, 2] }\n", 4, "halving.rungs",
            "each larger than the one before" },
        { "name: x\ndata:\n  dataset: digits8x8\noptimizer:\n  lr: \"0.05\"\n", 5, "optimizer.lr",
            "'0.05' is quoted, so it is text, not a number: write 0.05 without quotes" },
        { "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  epochs: '3'\n", 5, "train.epochs",
            "write 3 without quotes" },
        { "name: x\ndata:\n  dataset: digits8x8\nmodel:\n  hidden: [\"64\"]\n", 5, "model.hidden",
            "write 64 without quotes" },
        { "name: x\ndata:\n  dataset: digits8x8\nrandom:\n  count: 2\n  optimizer.lr: { uniform: [\"0.01\", 0.1] }\n",
            6, "random.optimizer.lr", "write 0.01 without quotes" },
        { "name: x\nselect: test_accuracy\ndata:\n  dataset: digits8x8\n", 2, "select", "val_accuracy or val_loss" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2], keep: 1.5 }\n", 4, "halving.keep",
            "between 0 and 1" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2], metric: accuracy }\n", 4, "halving.metric",
            "Known: val_accuracy or val_loss" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rung: [2] }\n", 4, "halving.rung",
            "Did you mean 'rungs'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2], brackets: 2 }\n", 4, "halving.brackets",
            "set asynchronous: true too" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2, 4], asynchronous: true, brackets: 4 }\n", 4,
            "halving.brackets", "at most 3 with 2 rungs" },
        { "name: x\ndata:\n  dataset: digits8x8\nhalving: { rungs: [2], asynchronous: maybe }\n", 4,
            "halving.asynchronous", "is true (ASHA" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  optimizer.lr: " +
            "{ loguniform: [0.001, 0.1] }\ngrid:\n  train.epochs: [1, 2]\n", 6, "search",
            "cannot be combined with grid" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  optimizer.lr: " +
            "{ loguniform: [0.001, 0.1] }\nhalving: { rungs: [1] }\ntrain:\n  epochs: 3\n", 6, "halving",
            "combine them with asynchronous: true" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  method: bayes\n  count: " +
            "4\n  optimizer.lr: { loguniform: [0.001, 0.1] }\n", 6, "search.method", "Known: random, tpe" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  optimizer.lr: { " +
            "loguniform: [0.001, 0.1] }\n", 6, "search.count", "is required" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  batch: 0\n  " +
            "optimizer.lr: { loguniform: [0.001, 0.1] }\n", 7, "search.batch", "from 1 to 1,000" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  seeed: 2\n  " +
            "optimizer.lr: { loguniform: [0.001, 0.1] }\n", 7, "search.seeed", "Did you mean 'seed'?" },
        { "name: x\ndata:\n  dataset: digits8x8\nsearch:\n  count: 4\n  optimizer.lr: { loguniform: [0.001, 0.1] }\n",
            5, "search.method", "set data.split.validation" },
        { "name: x\ndata:\n  dataset: digits8x8\nsearch:\n  method: random\n  count: 4\n  optimizer.lr: { " +
            "loguniform: [0.001, 0.1] }\n", 0, "", "" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  " +
            "optimizer.name: { choice: [sgd, adam] }\n  optimizer.momentum: { uniform: [0.5, 0.9], when: { " +
            "optimizer.name: momentum } }\n", 8, "search.optimizer.momentum.when.optimizer.name",
            "not among optimizer.name's choices" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  " +
            "optimizer.momentum: { uniform: [0.5, 0.9], when: { optimizer.name: momentum } }\n", 7,
            "search.optimizer.momentum.when.optimizer.name", "that is always drawn" },
        { "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n  model.hidden: " +
            "{ choice: [[8], [70000]] }\n", 7, "search.model.hidden", "65,536" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Every_problem_names_its_line_key_and_what_is_wrong(string yaml, int line, string key, string message)
    {
        if (message.Length == 0) { SpecReader.Read(_files.Write("s.yaml", yaml)); return; }
        var problems = Problems(yaml);
        var match = problems.FirstOrDefault(p => p.Key == key && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(match is not null, $"no problem at {key} saying '{message}'; got:\n{string.Join('\n', problems)}");
        Assert.Equal(line, match!.Line);
    }

    [Fact]
    public void A_search_setting_can_be_overridden_and_a_value_given_takes_its_key_out_of_the_space()
    {
        string yaml = "name: x\ndata:\n  dataset: digits8x8\n  split: { validation: 0.1 }\nsearch:\n  count: 4\n" +
                      "  optimizer.lr: { loguniform: [0.001, 0.1] }\n  train.dropout: { uniform: [0, 0.5] }\n";
        var spec = SpecReader.Read(_files.Write("s.yaml", yaml),
            ["search.seed=7", "search.method=random", "train.dropout=0.2"]);
        Assert.Equal(7UL, spec.Search!.Seed);
        Assert.Equal("random", spec.Search.Method);
        Assert.Equal(["optimizer.lr"], spec.Search.Space.Select(d => d.Key));
        Assert.Contains(Problems(yaml, "search.seed=-1"),
            p => p.Key == "search.seed" && p.Message.Contains("≥ 0", StringComparison.Ordinal));
        Assert.Contains(Problems("name: x\ndata:\n  dataset: digits8x8\n", "search.seed=1"),
            p => p.Message.Contains("no search: block", StringComparison.Ordinal));
    }

    [Fact]
    public void All_problems_are_collected_at_once()
    {
        var problems =
            Problems(
                "name: x\ndata:\n  dataset: digits8x8\ntrain:\n  epochs: 0\n  batch_size: -2\noptimizer:\n  lr: 0\n  " +
                "nmae: sgd\n");
        Assert.Equal(["train.epochs", "train.batch_size", "optimizer.lr", "optimizer.nmae"],
            problems.Select(p => p.Key));
    }

    [Fact]
    public void Binary_and_huge_files_are_refused_before_parsing()
    {
        Assert.Contains("binary", Problems("name: x\0\u0001\u0002").Single().Message);
        string huge = "name: x\n" + new string('#', YamlSafety.MaxBytes);
        Assert.Contains("at most", Problems(huge).Single().Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        string deep = "name: x\ndata: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        Assert.Contains("nested more than", Problems(deep).Single().Message);
    }

    [Fact]
    public void Extends_layers_a_file_over_its_base()
    {
        _files.Write("base.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01]\n");
        var spec =
            SpecReader.Read(_files.Write("child.yaml", "extends: base.yaml\nname: child\ntrain:\n  epochs: 7\n"));
        Assert.Equal("child", spec.Name);
        Assert.Equal(7, spec.Values["train.epochs"].Value);
        Assert.Equal(16, spec.Values["train.batch_size"].Value);
        Assert.Equal("optimizer.lr", spec.Factors.Single().Label);
    }

    [Fact]
    public void An_empty_grid_in_a_file_that_extends_another_clears_the_bases_grid()
    {
        _files.Write("base.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01]\n");
        var spec = SpecReader.Read(_files.Write("child.yaml", "extends: base.yaml\nname: child\ngrid: {}\n"));
        Assert.Empty(spec.Factors);
    }

    [Fact]
    public void A_key_varied_by_two_factors_is_a_warning_naming_both()
    {
        var spec = SpecReader.Read(_files.Write("twice.yaml", SweepFiles.Digits +
            "grid:\n  optimizer.lr: [0.1, 0.01, 0.001]\nzip:\n  optimizer.lr: [0.1, 0.01]\n  train.epochs: [1, 2]\n"));
        Assert.Equal(
            "optimizer.lr is varied by more than one factor (grid and zip): every combination of them runs, and the " +
            "one that sets it last wins, so many trials come out alike. Vary it in one place.",
            Assert.Single(spec.Warnings));
        Assert.Empty(
            SpecReader.Read(
                _files.Write("once.yaml", SweepFiles.Digits + "grid:\n  optimizer.lr: [0.1, 0.01]\n")).Warnings);
    }

    [Fact]
    public void Extends_that_loops_is_an_error()
    {
        _files.Write("a.yaml", "extends: b.yaml\nname: a\n");
        _files.Write("b.yaml", "extends: a.yaml\nname: b\n");
        Assert.Throws<SpecException>(() => SpecReader.Read(Path.Combine(_files.Dir, "a.yaml")));
    }

    [Fact]
    public void Overrides_set_a_value_or_sweep_over_a_list()
    {
        var spec = SpecReader.Read(_files.Write("s.yaml", SweepFiles.Digits + "grid:\n  train.batch_size: [8, 32]\n"),
            ["train.epochs=2", "optimizer.lr=[0.1,0.01]", "train.batch_size=64", "model.hidden=[[8],[4,4]]"]);
        Assert.Equal(2, spec.Values["train.epochs"].Value);
        Assert.Equal(64, spec.Values["train.batch_size"].Value);
        Assert.Equal(["optimizer.lr", "model.hidden"], spec.Factors.Select(a => a.Label));
        Assert.Equal([4, 4], (int[])spec.Factors[1].Options[1].Values["model.hidden"].Value);
    }

    [Fact]
    public void A_bad_override_is_named()
    {
        var problems = Problems(SweepFiles.Digits, "train.epoch=2", "novalue");
        Assert.Contains(problems, p => p.Key == "train.epoch" && p.Message.Contains("Did you mean 'train.epochs'?"));
        Assert.Contains(problems, p => p.Message.Contains("key=value"));
    }

    [Theory]
    [InlineData("optimizer.learning_rate=0.1", "optimizer.lr")]
    [InlineData("train.lr_rate=0.1", "optimizer.lr")]
    [InlineData("hidden_layers=[64]", "model.hidden")]
    [InlineData("train.batchsize=8", "train.batch_size")]
    [InlineData("num_epochs=3", "train.epochs")]
    public void Names_from_other_tools_get_a_did_you_mean(string over, string meant) =>
        Assert.Contains(Problems(SweepFiles.Digits, over), p => p.Message.Contains($"Did you mean '{meant}'?"));

    [Fact]
    public void A_list_the_shell_split_at_a_space_says_to_quote_it()
    {
        // What `run s.yaml optimizer.lr=[0.1, 0.01]` hands over unquoted: two arguments.
        var problems = Problems(SweepFiles.Digits, "optimizer.lr=[0.1,", "0.01]");
        Assert.Contains(problems,
            p => p.Key == "optimizer.lr"
            && p.Message.Contains("The shell split this value at a space: quote the whole override"));
        Assert.Contains(problems,
            p => p.Key == "0.01]" && p.Message.Contains("the rest of a list the shell split at a space"));
    }

    [Fact]
    public void A_list_where_one_value_goes_reads_as_english()
    {
        var problems = Problems(SweepFiles.Digits.Replace("  epochs: 4\n", "  epochs: [1, 2]\n"));
        var problem = Assert.Single(problems);
        Assert.Equal(
            "expected one value (a whole number), found a list (to sweep over several values, put the key under " +
            "grid:).", problem.Message);
    }

    [Fact]
    public void Every_example_in_experiments_validates()
    {
        var files = Directory.GetFiles(Path.Combine(SweepFiles.RepositoryRoot(), "experiments"), "*.yaml",
            SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string file in files) SpecReader.Read(file);
    }
}
