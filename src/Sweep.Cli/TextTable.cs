using Sweep.Core.Text;

namespace Sweep.Cli;

/// <summary>A plain aligned table for the terminal and for logs alike.</summary>
internal static class TextTable
{
    /// <summary>Every cell is printed as <see cref="Printable.Line"/> makes it: names and reasons come from
    /// files.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        rows = rows.Select(r => (IReadOnlyList<string>)r.Select(Printable.Line).ToList()).ToList();
        var widths =
            header.Select((h, i) => Math.Max(h.Length, rows.Select(r => i < r.Count ? r[i].Length : 0).DefaultIfEmpty(0)
            .Max())).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i])))
            .TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row));
    }
}
