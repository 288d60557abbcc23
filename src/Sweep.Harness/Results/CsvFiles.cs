using System.Buffers;
using System.Globalization;
using CsvHelper;
using Sweep.Core.Files;

namespace Sweep.Harness.Results;

/// <summary>
/// Every CSV Sweep writes: CsvHelper with the invariant culture (a German locale must not turn 0.5 into 0,5),
/// written whole to a temporary file and renamed, so a reader never sees half a table. A text cell a spreadsheet
/// would run as a formula is neutralised on the way out and restored on the way in (<see cref="Neutralise"/>).
/// </summary>
public static class CsvFiles
{
    private static readonly CsvWriterOptions WriterOptions =
        new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        csv.WriteRecord(header.Select(Neutralise).ToArray());
        foreach (var row in rows) csv.WriteRecord(row.Select(Format).ToArray());
    });

    /// <summary>Shortest round-trip text for doubles, so a value read back is the value written.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => Neutralise(x.ToString(null, CultureInfo.InvariantCulture)),
        _ => Neutralise(cell.ToString() ?? ""),
    };

    /// <summary>What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list).</summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>
    /// OWASP's rule: a text cell that starts with =, +, -, @, tab or CR gets a leading apostrophe, so a data file named
    /// "=cmd|' -C calc'!A0.csv" is text in Excel or LibreOffice, not a formula. A number ("-0.5", "1e-3") is left as
    /// it is. Text that already starts with apostrophes before such a character gets one more, so that
    /// <see cref="Restore"/> gives back exactly what was written.
    /// </summary>
    public static string Neutralise(string text)
    {
        string rest = text.TrimStart('\'');
        if (rest.Length == 0 || !FormulaStarts.Contains(rest[0])) return text;
        if (rest.Length == text.Length
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return text;
        return "'" + text;
    }

    /// <summary>The inverse of <see cref="Neutralise"/>: one apostrophe off a cell whose apostrophes precede a
    /// formula character.</summary>
    public static string Restore(string cell)
    {
        if (cell.Length < 2 || cell[0] != '\'') return cell;
        string rest = cell.TrimStart('\'');
        return rest.Length > 0 && FormulaStarts.Contains(rest[0]) ? cell[1..] : cell;
    }

    /// <summary>A results table is at most this large: test_predictions.csv of 60,000 samples is about 1 MB.</summary>
    public const long MaxBytes = 256L << 20;

    /// <summary>A table read back: its header in order and its rows by column name. Line numbers in messages count
    /// the header as line 1.</summary>
    public sealed record Table(string Path, IReadOnlyList<string> Header,
        IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
    {
        public ResultsFileException Damaged(int row, string problem, string remedy) =>
            ResultsFileException.AtLine(Path, row + 2, $"{problem}.", remedy);
    }

    /// <summary>The whole table, or <see cref="ResultsFileException"/> naming the line: a duplicated or missing column
    /// name, a row with more or fewer cells than the header, broken quoting, or a file that is not a table.</summary>
    public static Table Read(string path, IReadOnlyList<string> required, string remedy)
    {
        byte[] bytes;
        try { bytes = BoundedFile.ReadAllBytes(path, MaxBytes, "a results table"); }
        catch (FileLimitException e) { throw ResultsFileException.Refused(path, e, remedy); }
        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
            throw ResultsFileException.Damaged(path, "is binary, not a CSV table.", remedy);
        using var reader = new StreamReader(new MemoryStream(bytes));
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, Separator = ',' },
            leaveOpen: false);
        var lines = new List<string[]>();
        try
        {
            while (csv.Read())
                lines.Add(Enumerable.Range(0, csv.FieldCount).Select(i => Restore(csv.GetString(i))).ToArray());
        }
        catch (Exception e) when (e is not (OutOfMemoryException or ResultsFileException))
        {
            throw ResultsFileException.AtLine(path, lines.Count + 1, $"not a CSV row ({e.Message}).", remedy);
        }
        if (lines.Count == 0) throw ResultsFileException.Damaged(path, "is empty: it has no header line.", remedy);
        string[] header = lines[0];
        if (header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw ResultsFileException.AtLine(path, 1, $"the column '{twice.Key}' appears twice.", remedy);
        if (required.FirstOrDefault(c => !header.Contains(c)) is { } missing)
            throw ResultsFileException.AtLine(path, 1, $"no '{missing}' column.", remedy);
        var rows = new List<IReadOnlyDictionary<string, string>>(lines.Count - 1);
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length != header.Length)
                throw ResultsFileException.AtLine(path, i + 1,
                    $"has {lines[i].Length} cells but the header names {header.Length} columns.", remedy);
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (int c = 0; c < header.Length; c++) row[header[c]] = lines[i][c];
            rows.Add(row);
        }
        return new Table(path, header, rows);
    }
}
