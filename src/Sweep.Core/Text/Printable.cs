using System.Globalization;
using System.Text;

namespace Sweep.Core.Text;

/// <summary>
/// Text from files and file names made safe for a terminal: control characters (C0, DEL, C1, among them ESC, which
/// starts the sequences that recolour, retitle or rewrite a terminal) and the bidirectional overrides that reorder
/// what is shown are written as escapes (\n, \x1b, \u202e), so a status reason cannot clear the screen and an image
/// named with a newline cannot print a line that looks like a result.
/// </summary>
public static class Printable
{
    /// <summary>One line: every control character escaped, newlines too.</summary>
    public static string Line(string text) => Escape(text, keepNewlines: false);

    /// <summary>A message of several lines: its newlines kept, every other control character escaped.</summary>
    public static string Lines(string text) => Escape(text, keepNewlines: true);

    private static string Escape(string text, bool keepNewlines)
    {
        int first = 0;
        while (first < text.Length && !Unsafe(text[first], keepNewlines)) first++;
        if (first == text.Length) return text;
        var safe = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (!Unsafe(c, keepNewlines)) { safe.Append(c); continue; }
            safe.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return safe.ToString();
    }

    private static bool Unsafe(char c, bool keepNewlines) => c switch
    {
        '\n' => !keepNewlines,
        < ' ' or '\u007f' => true,
        >= '\u0080' and <= '\u009f' => true,
        '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') => true,
        _ => false,
    };
}
