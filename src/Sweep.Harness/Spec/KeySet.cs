namespace Sweep.Harness.Spec;

/// <summary>
/// The keys a trial's configuration may have, as the sweep file's readers look them up: Sweep's own network keys
/// (<see cref="Schema"/>, typed, with defaults), or a program's free names (<see cref="Program"/>: any name, its
/// values typed as YAML writes them, no defaults). A sweep that names a `program:` reads its grid, zip, variants,
/// random, search, exclude, params and overrides with the second.
/// </summary>
public sealed class KeySet
{
    private readonly Func<string, KeyDefinition?> _find;
    private readonly Func<string, bool> _isSection;
    private readonly Func<IEnumerable<string>> _known;
    private readonly bool _free;

    private KeySet(Func<string, KeyDefinition?> find, Func<string, bool> isSection, Func<IEnumerable<string>> known,
        bool free = false)
    {
        _find = find;
        _isSection = isSection;
        _known = known;
        _free = free;
    }

    /// <summary>Sweep's own trials: the schema's keys.</summary>
    public static KeySet Network { get; } = new(p => Schema.TryGet(p, out var k) ? k : null, Schema.IsSection,
        () => Schema.AllPaths);

    /// <summary>A program's trials: any name <see cref="IsProgramKey"/> accepts.</summary>
    public static KeySet Program { get; } = new(p => IsProgramKey(p) ? ProgramKey(p) : null, _ => false, () => [],
        free: true);

    /// <summary>Names a key may not take: the placeholders Sweep fills itself, and summary.csv's own columns (a key
    /// is a column there too).</summary>
    public static readonly string[] Reserved = ["seed", "trial_dir", "epochs", "variant",
        .. Results.SummaryFile.LeadColumns, .. Results.SummaryFile.ResultColumns];

    /// <summary>A program key: a letter or '_', then letters, digits, '_', '-' or '.'; at most 64 characters; not one
    /// of <see cref="Reserved"/>. Safe in a placeholder, a CSV header and a folder-free table.</summary>
    public static bool IsProgramKey(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && !Reserved.Contains(name);

    private static KeyDefinition ProgramKey(string name) => new(name, KeyKind.Any, null, "a key of the program");

    public bool TryGet(string path, out KeyDefinition key)
    {
        key = _find(path)!;
        return key is not null;
    }

    public bool IsSection(string path) => _isSection(path);

    /// <summary>Why <paramref name="path"/> is no key here, for a message: unknown (with a suggestion), or for a
    /// program a name it cannot take.</summary>
    public string WhyNot(string path) => !_free ? $"unknown key.{DidYouMean.Suggest(path, AllPaths)}"
        : Reserved.Contains(path)
            ? $"'{path}' is a name Sweep uses itself (a placeholder, or a column of summary.csv): name the key " +
                "otherwise."
        : "is not a usable key name: letters, digits, '_', '-' and '.', starting with a letter or '_', at most 64.";

    /// <summary>The known paths, for "did you mean".</summary>
    public IEnumerable<string> AllPaths => _known();
}
