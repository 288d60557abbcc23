using Sweep.Core.Errors;
using Sweep.Core.Files;

namespace Sweep.Data;

/// <summary>
/// A data file that is missing, malformed or not what it claims, or a split the data cannot give. Built only by the
/// factories below, so every message has the same shape: where (file, line), what is wrong, what to do. When a
/// catalogue data set's files are missing or damaged, <see cref="DataSet"/> names it: fetching it again fixes that,
/// and the layer that knows the commands (the harness) says how, with <see cref="WithHint"/>.
/// </summary>
public sealed class DataException : SweepException
{
    /// <summary>The remedy for a file that is damaged in transit or on disk.</summary>
    public const string FetchAgain = "Fetch the file again.";

    private DataException(string message, string? dataSet) : base(message, ErrorKind.Invalid) => DataSet = dataSet;

    public string? DataSet { get; }

    /// <summary>A file that is not what it should be.</summary>
    public static DataException InFile(string path, string problem, string remedy) =>
        new(Join($"{path}: {problem}", remedy), null);

    /// <summary>A line (1-based) of a text data file.</summary>
    public static DataException AtLine(string path, long line, string problem, string remedy) =>
        new(Join($"{path}:{line}: {problem}", remedy), null);

    /// <summary>A gzip stream that stops decoding; <paramref name="where"/> says how far it got, if known.</summary>
    public static DataException CorruptGzip(string path, InvalidDataException e, string where = "") =>
        InFile(path, $"the gzip stream is corrupt{where} ({e.Message}).", FetchAgain);

    /// <summary>The bounded reader refused the file (missing, too large, not a regular file).</summary>
    public static DataException Refused(FileLimitException e) => new(e.Message, null);

    /// <summary>A split of the data that leaves a part empty or is not a count or a fraction. It names no key: the
    /// harness, which knows the sweep file, adds which keys to change.</summary>
    public static DataException Split(string problem) => new(problem, null);

    /// <summary>A catalogue data set whose files are not where Sweep looks.</summary>
    public static DataException Missing(string dataSet, string problem) => new(problem, dataSet);

    /// <summary>A catalogue data set's file that is damaged or another version.</summary>
    public static DataException Damaged(string dataSet, string problem) =>
        new($"{problem} Delete it and fetch {dataSet} again.", dataSet);

    /// <summary>A catalogue file no mirror could give.</summary>
    public static DataException NotDownloaded(string dataSet, string fileName, IEnumerable<string> failures,
        string folder) =>
        new($"could not download {fileName} of {dataSet} from any mirror:\n{string.Join('\n', failures)}\n" +
            $"Check the network, or copy the files by hand into {folder}.", null);

    /// <summary>This error with what the caller knows to do about it (the command that fetches a data set).</summary>
    public DataException WithHint(string hint) => new(Join(Message, hint), DataSet);

    private static string Join(string problem, string remedy) => remedy.Length == 0 ? problem : $"{problem} {remedy}";
}
