using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;
using static Sweep.Harness.Spec.SpecNodes;

namespace Sweep.Harness.Spec;

/// <summary>
/// `program:`: the trials are runs of the user's own program rather than Sweep's networks. <see cref="Command"/> is
/// an argument list, each entry one argv entry (never a shell), with placeholders replaced in it: `{key}` by the
/// trial's value of a key, `{seed}`, `{trial_dir}` (the trial's folder) and `{epochs}` (how far this run of the
/// program trains). <see cref="Resume"/> is appended when a trial goes on from where an earlier run of it stopped.
/// </summary>
/// <param name="Workdir">Where the program runs, relative to the sweep file (its folder when not given).</param>
/// <param name="TimeLimitSeconds">A run of the program longer than this is stopped and the trial timed out.</param>
/// <param name="Epochs">The epochs a trial trains in full: what {epochs} becomes, and how far halving's last rung
/// trains.</param>
public sealed record ProgramOptions(IReadOnlyList<string> Command, string? Workdir,
    IReadOnlyDictionary<string, string> Environment, double? TimeLimitSeconds, IReadOnlyList<string> Resume,
    int? Epochs, SpecSource Source)
{
    public static readonly string[] Settings = ["command", "workdir", "env", "time_limit", "resume", "epochs"];

    /// <summary>Arguments of one list, and characters of one argument: far past any real command line.</summary>
    public const int MaxArguments = 256, MaxArgumentChars = 4096;

    /// <summary>The names a placeholder may give besides the sweep's keys.</summary>
    public static readonly string[] Builtins = ["seed", "trial_dir", "epochs"];

    /// <summary>Every argument the program may get, for checks: the command and the resume arguments.</summary>
    public IEnumerable<string> AllArguments => Command.Concat(Resume).Concat(Environment.Values);

    /// <summary>Whether an argument tells the program how far to train ({epochs}); a malformed argument, refused by
    /// validation, tells nothing.</summary>
    public bool TellsEpochs => AllArguments.Any(a =>
    {
        try { return Placeholders(a).Contains("epochs"); }
        catch (FormatException) { return false; }
    });

    /// <summary>Whether a promoted trial can train further: through resume:, or by a rerun told {epochs}.</summary>
    public bool CanTrainFurther => Resume.Count > 0 || TellsEpochs;

    /// <summary>The names of an argument's placeholders, in order; `{{` and `}}` are literal braces.</summary>
    /// <exception cref="FormatException">An unclosed or empty brace, with what to write instead.</exception>
    public static List<string> Placeholders(string argument)
    {
        var names = new List<string>();
        Expand(argument, name => { names.Add(name); return ""; });
        return names;
    }

    /// <summary>The argument with each placeholder replaced by <paramref name="value"/>'s text for it.</summary>
    /// <exception cref="FormatException">An unclosed or empty brace.</exception>
    public static string Expand(string argument, Func<string, string> value)
    {
        var text = new StringBuilder(argument.Length);
        for (int i = 0; i < argument.Length; i++)
        {
            char c = argument[i];
            if ((c == '{' || c == '}') && i + 1 < argument.Length && argument[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }
            if (c == '}')
                throw new FormatException($"'{argument}' has a '}}' that closes nothing (write '}}}}' for a brace)");
            if (c != '{') { text.Append(c); continue; }
            int end = argument.IndexOf('}', i + 1);
            if (end < 0)
                throw new FormatException(
                    $"'{argument}' opens a '{{' that it does not close (write '{{{{' for a brace)");
            string name = argument[(i + 1)..end];
            if (name.Length == 0) throw new FormatException($"'{argument}' has an empty placeholder '{{}}'");
            text.Append(value(name));
            i = end;
        }
        return text.ToString();
    }

    /// <summary>program: { command: [python3, train.py, "--lr={lr}"], workdir: ., env: {...}, time_limit: 10m,
    /// resume: ["--resume={trial_dir}/ckpt"], epochs: 20 }</summary>
    internal static ProgramOptions? Read(string file, YamlNode node, List<SpecProblem> problems)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, "program",
                "gives command: as a list of arguments, e.g.  { command: [python3, train.py, \"--lr={lr}\"] }"));
            return null;
        }
        int before = problems.Count;
        List<string>? command = null, resume = null;
        string? workdir = null;
        double? limit = null;
        int? epochs = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            string key = KeyName(keyNode);
            string where = "program." + key;
            switch (key)
            {
                case "command": command = Arguments(file, value, where, problems); break;
                case "resume": resume = Arguments(file, value, where, problems); break;
                case "workdir":
                    if (value is YamlScalarNode { Value: { Length: > 0 } dir } && !dir.Any(char.IsControl))
                        workdir = dir;
                    else problems.Add(Problem(file, value, where, "is a folder, relative to the sweep file."));
                    break;
                case "time_limit":
                    if (ValueParser.Parse(new KeyDefinition(where, KeyKind.Duration, null, ""), value, out string? why)
                        is double seconds && seconds > 0) limit = seconds;
                    else problems.Add(Problem(file, value, where, why ?? "must be longer than 0 (e.g. 90s, 10m, 2h)."));
                    break;
                case "epochs":
                    if (value is YamlScalarNode { Value: { } e } && int.TryParse(e, NumberStyles.Integer,
                        CultureInfo.InvariantCulture, out int n) && n is > 0 and <= Limits.MaxEpochs) epochs = n;
                    else problems.Add(Problem(file, value, where,
                        $"must be a whole number from 1 to {Limits.MaxEpochs:N0}: the epochs a trial trains."));
                    break;
                case "env": ReadEnvironment(file, value, environment, problems); break;
                default:
                    problems.Add(Problem(file, keyNode, where,
                        $"unknown key.{DidYouMean.Suggest(key, Settings)} Keys: {string.Join(", ", Settings)}."));
                    break;
            }
        }
        if (command is null && problems.Count == before)
            problems.Add(Problem(file, node, "program.command",
                "is required: the program and its arguments, e.g.  [python3, train.py, \"--lr={lr}\"]"));
        return problems.Count == before
            ? new ProgramOptions(command!, workdir, environment, limit, resume ?? [], epochs,
                SpecNodes.Source(file, node))
            : null;
    }

    /// <summary>`params:` of a program's sweep: its keys' fixed values, passed to the program like swept
    /// ones.</summary>
    internal static void ReadParams(string file, YamlNode node, Dictionary<string, SpecValue> values,
        List<SpecProblem> problems)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, "params", "maps the program's keys to fixed values, e.g.  { width: 64 }"));
            return;
        }
        foreach (var (key, _, value) in SchemaKeys(file, mapping, "params", problems, KeySet.Program))
            if (ValueParser.Parse(key, value, out string? problem) is { } v)
                values[key.Path] = new SpecValue(v, SpecNodes.Source(file, value));
            else problems.Add(Problem(file, value, "params." + key.Path, problem!));
    }

    private static List<string>? Arguments(string file, YamlNode node, string where, List<SpecProblem> problems)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 and <= MaxArguments } list
            || list.Children.Any(c => c is not YamlScalarNode { Value: not null }))
        {
            problems.Add(Problem(file, node, where,
                $"is a list of 1 to {MaxArguments} arguments, each one argv entry, e.g.  [python3, train.py, " +
                "\"--lr={lr}\"] (no shell reads it: write one argument per entry)."));
            return null;
        }
        var arguments = list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        if (arguments.FirstOrDefault(a => a.Length > MaxArgumentChars || a.Contains('\0')) is { } bad)
        {
            problems.Add(Problem(file, node, where, bad.Contains('\0') ? "has an argument with a NUL character, " +
                "which no program can receive." : $"has an argument of {bad.Length:N0} characters; the most is " +
                $"{MaxArgumentChars:N0}."));
            return null;
        }
        if (where == "program.command" && arguments[0].Length == 0)
        {
            problems.Add(Problem(file, node, where, "starts with an empty program name."));
            return null;
        }
        return arguments;
    }

    private static void ReadEnvironment(string file, YamlNode node, Dictionary<string, string> environment,
        List<SpecProblem> problems)
    {
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(Problem(file, node, "program.env",
                "maps variable names to values, e.g.  { OMP_NUM_THREADS: 1 }"));
            return;
        }
        foreach (var (keyNode, value) in mapping.Children)
        {
            string name = KeyName(keyNode);
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
                || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                problems.Add(Problem(file, keyNode, "program.env." + name,
                    "is not a variable name: use letters, digits and '_', starting with a letter or '_'."));
            else if (value is not YamlScalarNode { Value: { } text } || text.Contains('\0')
                || text.Length > MaxArgumentChars)
                problems.Add(Problem(file, value, "program.env." + name, "is one value (text or a number)."));
            else environment[name] = text;
        }
    }
}
