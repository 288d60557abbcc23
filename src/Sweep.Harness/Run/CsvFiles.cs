using System.Globalization;
using CsvHelper;
using Sweep.Core.Serialization;

namespace Sweep.Harness.Run;

/// <summary>
/// Every CSV Sweep writes: CsvHelper with the invariant culture (a German locale must not turn 0.5 into 0,5),
/// written whole to a temporary file and renamed, so a reader never sees half a table.
/// </summary>
public static class CsvFiles
{
    private static readonly CsvWriterOptions WriterOptions = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };
    private static readonly CsvReaderOptions ReaderOptions = new() { HasHeader = true, Separator = ',' };

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) => AtomicFile.Write(path, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        using var csv = CsvWriter.Create(writer, WriterOptions, leaveOpen: true);
        csv.WriteRecord([.. header]);
        foreach (var row in rows) csv.WriteRecord(row.Select(Format).ToArray());
    });

    /// <summary>Shortest round-trip text for doubles, so a value read back is the value written.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    /// <summary>The column names of a CSV file, in order (empty for an empty file).</summary>
    public static IReadOnlyList<string> ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvReader.Create(reader, new CsvReaderOptions { HasHeader = false, Separator = ',' }, leaveOpen: false);
        if (!csv.Read()) return [];
        return Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToList();
    }

    public static List<Dictionary<string, string>> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvReader.Create(reader, ReaderOptions, leaveOpen: false);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var headers = csv.Headers;
            var row = new Dictionary<string, string>(headers.Count);
            for (int i = 0; i < headers.Count; i++) row[headers[i]] = i < csv.FieldCount ? csv.GetString(i) : "";
            rows.Add(row);
        }
        return rows;
    }
}
