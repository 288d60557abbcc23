namespace Sweep.Data.Formats;

/// <summary>Images stored one per CSV line (plain or gzip), checked cell by cell: a bad value names its line and
/// column.</summary>
public static class CsvImageReader
{
    public static LabelledImages Read(string path, CsvImageLayout layout, int classes = 10,
        ContentHashes? hashes = null)
    {
        int features = layout.Side * layout.Side;
        int columns = features + 1;
        var pixels = new List<byte>(features * 2048);
        var labels = new List<byte>(2048);
        using var reader = new StreamReader(DataFile.Open(path, hashes));
        int lineNumber = 0;
        var row = new byte[features];
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (lineNumber == 1 && layout.HasHeader)
                {
                    if (line.Length > 0 && char.IsDigit(line[0]))
                        throw DataException.AtLine(path, 1,
                            "expected a header line (label,pixel0,...) but found numbers.",
                            "Is this the 8×8 digits format?");
                    continue;
                }
                if (line.Length == 0) continue;
                ParseRow(line, path, lineNumber, layout, classes, columns, row, out byte label);
                pixels.AddRange(row);
                labels.Add(label);
            }
        }
        catch (InvalidDataException e)
        {
            throw DataException.CorruptGzip(path, e, $" after line {lineNumber}");
        }
        if (labels.Count == 0)
            throw DataException.InFile(path, "holds no samples.", "Give a file with one image per line.");
        return new LabelledImages(pixels.ToArray(), labels.ToArray(), layout.Side, layout.Side, classes,
            layout.MaxPixel);
    }

    /// <summary>A bad cell is quoted only when it looks like a number gone wrong ("2.5", "-1"): a file that is no
    /// image table (a password file given by mistake) must not have its lines printed.</summary>
    private static string Shown(ReadOnlySpan<char> cell) =>
        cell.Length is > 0 and <= 16 && !cell.ContainsAnyExcept("0123456789+-.eE") ? $" ('{cell.ToString()}')" : "";

    private static void ParseRow(string line, string path, int lineNumber, CsvImageLayout layout, int classes,
        int columns, byte[] row, out byte label)
    {
        label = 0;
        int column = 0, start = 0;
        for (int i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && line[i] != ',') continue;
            if (column >= columns)
                throw DataException.AtLine(path, lineNumber, $"more than {columns} values;",
                    $"expected {columns - 1} pixels and a label.");
            var cell = line.AsSpan(start, i - start).Trim();
            bool isLabel = layout.LabelFirst ? column == 0 : column == columns - 1;
            if (!int.TryParse(cell, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out int value))
                throw DataException.AtLine(path, lineNumber,
                    $"column {column + 1}{Shown(cell)} is not a whole number; expected " +
                    (isLabel ? $"a label 0..{classes - 1}." : $"a pixel value 0..{layout.MaxPixel}."),
                    "Fix the line or remove it.");
            if (isLabel)
            {
                if (value >= classes)
                    throw DataException.AtLine(path, lineNumber, $"label {value} is outside 0..{classes - 1}.",
                        "Fix the line or remove it.");
                label = (byte)value;
            }
            else
            {
                if (value > layout.MaxPixel)
                    throw DataException.AtLine(path, lineNumber,
                        $"pixel value {value} in column {column + 1} is outside 0..{layout.MaxPixel}.",
                        "Fix the line or remove it.");
                row[layout.LabelFirst ? column - 1 : column] = (byte)value;
            }
            column++;
            start = i + 1;
        }
        if (column != columns)
            throw DataException.AtLine(path, lineNumber, $"{column} values; expected {columns - 1} pixels and a label.",
                "Is the file truncated?");
    }
}
