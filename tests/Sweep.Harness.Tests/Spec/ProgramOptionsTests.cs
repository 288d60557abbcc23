using Sweep.Harness.Plan;
using Sweep.Harness.Results;
using Sweep.Harness.Spec;

namespace Sweep.Harness.Tests.Spec;

/// <summary>A sweep file that names a program: its keys are free names typed as YAML writes them, its placeholders
/// are checked against them, and what Sweep's own networks need (data:, model:) is neither needed nor
/// allowed.</summary>
public sealed class ProgramOptionsTests : IDisposable
{
    private readonly SweepFiles _files = new();
    public void Dispose() => _files.Dispose();

    private const string Program = """
        name: mine
        program:
          command: [python3, train.py, "--lr={lr}", "--width={width}", "--act={act}", "--seed={seed}"]

        """;

    private IReadOnlyList<SpecProblem> Problems(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => SpecReader.Read(_files.Write("s.yaml", yaml), overrides)).Problems;

    [Fact]
    public void Its_keys_are_free_names_typed_as_written_and_summary_columns_follow_the_file()
    {
        var spec = SpecReader.Read(_files.Write("s.yaml", Program + """
            params:
              act: relu
            grid:
              lr: [0.1, 0.01]
              width: [16, 64]
            seeds: 2

            """));
        Assert.NotNull(spec.Program);
        Assert.Equal(["act", "lr", "width"], spec.SettingKeys);
        var plan = Expansion.Expand(spec);
        Assert.Equal(8, plan.Trials.Count);
        Assert.Equal(["lr", "width", "seed"], plan.VaryingKeys);
        var first = plan.Trials[0].Config;
        Assert.Equal("relu", first["act"]);
        Assert.Equal(0.1, first["lr"]);
        Assert.Equal(16, first["width"]);
        Assert.Equal(["seed", "act", "lr", "width"], SummaryFile.SettingColumnsOf(spec));
        Assert.DoesNotContain("train.epochs", first.Keys);
    }

    [Fact]
    public void Effective_yaml_of_a_program_sweep_gives_the_same_trials_again()
    {
        var spec = SpecReader.Read(_files.Write("s.yaml", Program + """
            params:
              act: "0.5"
            random:
              count: 5
              lr: { loguniform: [0.0001, 0.1] }
              width: { int: [8, 128] }

            """));
        var plan = Expansion.Expand(spec);
        string effective = EffectiveSweepFile.Render(plan);
        Assert.Contains("act: \"0.5\"", effective); // text stays text
        var again = Expansion.Expand(SpecReader.Read(_files.Write("effective.yaml", effective)));
        Assert.Equal(plan.Trials.Select(t => t.Id), again.Trials.Select(t => t.Id));
        Assert.Contains("workdir: \"" + _files.Dir, effective);
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { Program + "grid:\n  lr: [0.1]\n  width: [8]\n", "program.command", "'{act}' names no key of this sweep" },
        { Program + "grid:\n  lr: [0.1]\n  widht: [8]\n  act: [relu]\n", "program.command",
            "'{width}' names no key of this sweep. Did you mean 'widht'?" },
        { "name: x\nprogram:\n  command: [python3, \"--x={x\"]\nparams:\n  x: 1\n", "program.command",
            "opens a '{' that it does not close" },
        { "name: x\nprogram:\n  command: python3 train.py\n", "program.command", "is a list of 1 to 256 arguments" },
        { "name: x\nprogram:\n  workdir: .\n", "program.command", "is required" },
        { "name: x\nprogram:\n  command: [a]\n  comand: [b]\n", "program.comand", "Did you mean 'command'?" },
        { "name: x\nprogram:\n  command: [a]\ndata:\n  dataset: digits8x8\n", "data",
            "this sweep runs a program (program:)" },
        { "name: x\nprogram:\n  command: [a, \"{seed}\"]\ngrid:\n  seed: [1, 2]\n", "grid.seed",
            "'seed' is a name Sweep uses itself" },
        { "name: x\nprogram:\n  command: [a, \"{reason}\"]\ngrid:\n  reason: [a, b]\n", "grid.reason",
            "'reason' is a name Sweep uses itself (a placeholder, or a column of summary.csv)" },
        { "name: x\nprogram:\n  command: [a]\ngrid:\n  9lives: [a, b]\n", "grid.9lives", "is not a usable key name" },
        { "name: x\nprogram:\n  command: [a, \"{lr}\", \"{epochs}\"]\n  epochs: 4\ngrid:\n  lr: [1, 2]\n" +
            "halving:\n  rungs: [4]\n", "halving.rungs", "must be below program.epochs (4)" },
        { "name: x\nprogram:\n  command: [a, \"{lr}\"]\n  epochs: 4\ngrid:\n  lr: [1, 2]\nhalving:\n  rungs: [1]\n",
            "program", "give resume:" },
        // A malformed argument beside halving is named, not a crash.
        { "name: x\nprogram:\n  command: [a, \"{lr\"]\n  epochs: 4\ngrid:\n  lr: [1, 2]\nhalving:\n  rungs: [1]\n",
            "program.command", "opens a '{' that it does not close" },
        { "name: x\nprogram:\n  command: [a]\n  env: { 1X: y }\n", "program.env.1X", "is not a variable name" },
        { "name: x\nprogram:\n  command: [a, \"--epochs={epochs}\"]\n", "program.epochs",
            "is required when an argument says {epochs}" },
        { "name: x\nprogram:\n  command: [a]\n  time_limit: soon\n", "program.time_limit", "is not a duration" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_wrong_program_block_is_named_by_its_key(string yaml, string key, string said)
    {
        var problems = Problems(yaml);
        Assert.Contains(problems, p => p.Key == key && p.Message.Contains(said, StringComparison.Ordinal));
    }

    [Fact]
    public void An_override_sets_a_program_key_and_a_list_sweeps_it()
    {
        var spec = SpecReader.Read(_files.Write("s.yaml", Program + "params:\n  act: relu\n  width: 8\n"),
            ["lr=[0.1, 0.01]", "width=32"]);
        var plan = Expansion.Expand(spec);
        Assert.Equal([0.1, 0.01], plan.Trials.Select(t => (double)t.Config["lr"]!));
        Assert.All(plan.Trials, t => Assert.Equal(32, t.Config["width"]));
    }

    [Fact]
    public void The_program_missing_on_this_machine_is_named_with_what_to_do()
    {
        var spec = SpecReader.Read(_files.Write("s.yaml",
            "name: x\nprogram:\n  command: [no-such-program-here, \"{lr}\"]\ngrid:\n  lr: [1]\n"));
        string? missing = ProgramChecks.Missing(spec.Program!, _files.Dir);
        Assert.Contains("program.command: no-such-program-here is not a program on PATH", missing);
        var local = SpecReader.Read(_files.Write("t.yaml",
            "name: x\nprogram:\n  command: [./train.sh]\n  workdir: sub\n"));
        Assert.Contains("program.workdir:", ProgramChecks.Missing(local.Program!, _files.Dir));
    }
}
