using System.Globalization;
using System.Net;
using System.Text;
using Sweep.Harness.Report.Charts;
using Sweep.Harness.Results;

namespace Sweep.Harness.Report;

/// <summary>
/// The pieces every Sweep page shares: one self-contained document (inline CSS, inline SVG, a few lines of inline
/// script, no network), sortable tables, and a check the browser test reads (every chart drew a non-empty box).
/// </summary>
internal static class Html
{
    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// An href to a file of a results folder, HTML-escaped: a relative path whose every segment is percent-encoded,
    /// starting with "./" or "../", so that no folder or trial name (a folder named "javascript:alert(1)", a name
    /// with '#' or '?') can turn a file link into a script link, a scheme or a fragment.
    /// </summary>
    public static string FileHref(string relativePath)
    {
        string path = string.Join('/', relativePath.Replace('\\', '/').Split('/')
            .Select(s => s is "." or ".." ? s : Uri.EscapeDataString(s)));
        return E(path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal)
            ? path : "./" + path);
    }

    /// <summary>"[64,8]" as "L0000000064,0000000008": text that orders lists of whole numbers by value (and is no
    /// number to the page's script, which would read only the first); null for anything else.</summary>
    public static string? ListSortKey(string text)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']') return null;
        var parts = text[1..^1].Split(',', StringSplitOptions.TrimEntries);
        if (parts.Any(p => !long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _))) return null;
        return "L" + string.Join(',', parts.Select(p => long.Parse(p, CultureInfo.InvariantCulture)
            .ToString("D10", CultureInfo.InvariantCulture)));
    }

    /// <summary>A key's value as its column shows it, one format for the whole column: a column of fractions with
    /// one below 0.001 (a learning rate drawn log-uniform) shows every value in scientific notation, so 4.511E-5 and
    /// 3.629E-3 line up rather than read 4.511E-05 beside 0.003629. Anything else as written. It sorts by the value
    /// itself either way.</summary>
    public static string SettingText(SweepResults results, string key, string value) =>
        s_scientific.GetValue(results, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, bool>())
            .GetOrAdd(key, k => Scientific(results.Trials.Select(t => t.Values.GetValueOrDefault(k))))
        && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v.ToString("0.#######E+0", CultureInfo.InvariantCulture) : value;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SweepResults,
        System.Collections.Concurrent.ConcurrentDictionary<string, bool>> s_scientific = new();

    /// <summary>Whether a column of values is numbers, not all whole, spanning below 0.001 or from 100,000.</summary>
    internal static bool Scientific(IEnumerable<string?> values)
    {
        var numbers = new List<double>();
        foreach (string? text in values)
        {
            if (text is null) continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
                || !double.IsFinite(v)) return false;
            numbers.Add(Math.Abs(v));
        }
        return numbers.Any(v => v != Math.Floor(v))
            && numbers.Any(v => v is > 0 and < 1e-3 || v >= 1e5);
    }

    /// <summary>What a numeric cell sorts by: the exact value, invariant.</summary>
    public static string SortKey(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    public static string Num(double? v, string format = "F4") => v is double d ? d.ToString(format,
        CultureInfo.InvariantCulture) : "–";

    /// <summary>Invariant: a culture's own time separator must not leak into the page.</summary>
    public static string Timestamp(DateTimeOffset t) =>
        t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    public static string MeanSd(Statistic s) => s.Mean is null ? "–" : s.Sd is double sd ? $"{Num(s.Mean)} ± {Num(sd)}"
        : Num(s.Mean);

    /// <param name="inputs">A digest of what the page was made from, kept in its head so that a later build can
    /// leave a page that would come out the same (<see cref="TrialPage"/>).</param>
    public static void Begin(StringBuilder page, string title, string? inputs = null)
    {
        page.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">{(inputs is null ? "" : $"\n<meta name=\"sweep-inputs\" content=\"{inputs}\">")}
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title>
            <style>{Style}</style>
            </head>
            <body>

            """);
    }

    public static void End(StringBuilder page) => page.Append($"<script>{Script}</script>\n</body>\n</html>\n");

    /// <summary>Rows a long table shows before its "show all" button: the top of a ranking, and the charts below
    /// it within reach.</summary>
    public const int FoldedRows = 25;

    /// <summary>A table whose columns sort on a click; cells carry a data-sort value so numbers sort as
    /// numbers. A table longer than <see cref="FoldedRows"/> shows its first rows (in the order it is sorted by)
    /// and a button to show all; without scripts, and in print, every row shows.</summary>
    public static void Table(StringBuilder page, string id, IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<Cell>> rows)
    {
        page.Append($"<table class=\"sortable\" id=\"{id}\" data-fold=\"{FoldedRows}\">\n<thead><tr>");
        foreach (var h in header) page.Append($"<th title=\"sort\">{E(h)}</th>");
        page.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            page.Append("<tr>");
            foreach (var c in row)
                page.Append(c.Sort is null ? "<td>" : $"<td data-sort=\"{E(c.Sort)}\">").Append(c.Html).Append("</td>");
            page.Append("</tr>\n");
        }
        page.Append("</tbody>\n</table>\n");
    }

    /// <summary>A chart drawn by the renderer: inline when it is SVG, embedded as data otherwise.</summary>
    public static void Figure(StringBuilder page, IChartRenderer renderer, Chart chart, byte[] content, string? link)
    {
        page.Append("<figure class=\"chart\">");
        page.Append(renderer.MediaType == "image/svg+xml"
            ? Encoding.UTF8.GetString(content)
            : $"<img alt=\"{E(chart.Title)}\" src=\"data:{renderer.MediaType};base64," +
            $"{Convert.ToBase64String(content)}\">");
        if (link is not null)
            page.Append(
                $"<figcaption><a href=\"{FileHref(link)}\">{E(Path.GetFileName(link))}</a>" +
                (renderer.HasVector(chart) ? $" · <a href=\"{FileHref(Path.ChangeExtension(link, "svg"))}\">svg</a>"
                    : "") +
                "</figcaption>");
        page.Append("</figure>\n");
    }

    public readonly record struct Cell(string Html, string? Sort = null)
    {
        /// <summary>Text, sorting as text; a list of whole numbers ("[64,64]", layer widths) sorts by its numbers,
        /// element by element, so [8] comes before [32] and [128].</summary>
        public static Cell Text(string text) => new(E(text), ListSortKey(text) ?? text);
        public static Cell Number(double? v, string format = "F4") => new(Num(v, format), SortKey(v));
        /// <summary>Seconds with one decimal, under a second with up to three, and under a millisecond with up to
        /// six: the 8×8 digits' trials take a few milliseconds and their epochs a fraction of one, which "0.0" and
        /// "0.000" hid.</summary>
        public static Cell Seconds(double? v) =>
            Number(v, v switch { < 0.001 => "0.0#####", < 1 => "0.0##", _ => "F1" });
        /// <summary>mean ± sd, sorting by the mean.</summary>
        public static Cell Stat(Statistic? s) => new(s is null ? "–" : MeanSd(s), SortKey(s?.Mean));
        /// <summary>A link to a file of a results folder, by its relative path (<see cref="FileHref"/>).</summary>
        public static Cell Link(string text, string relativePath) =>
            new($"<a href=\"{FileHref(relativePath)}\">{E(text)}</a>", text);
        /// <summary>A search key this configuration did not draw (its `when:` did not hold): the default it kept is
        /// shown greyed and in the title, and the cell sorts with the missing values, after the drawn ones, so it
        /// does not read as a value tried.</summary>
        public static Cell NotDrawn(string kept) =>
            new($"<span class=\"nd\" title=\"not drawn: kept its default {E(kept)}\">–</span>", "");
        /// <summary>A key's value in a table: the value, or <see cref="NotDrawn"/> where the search did not draw
        /// it.</summary>
        public static Cell Setting(SweepResults results, IReadOnlyDictionary<string, string> values, string key) =>
            results.Drew(values, key) ? new(E(SettingText(results, key, values[key])),
                ListSortKey(values[key]) ?? values[key]) : NotDrawn(values[key]);
    }

    private const string Style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1500px;color:#222;
          padding:0 16px}
        h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .meta{color:#555;font-size:14px}.nd{color:#999}
        .winner{background:#eef5fb;border-left:5px solid #0072B2;padding:12px 16px;margin:16px 0;font-size:15px}
        .warn{background:#fdf1e7;border-left:5px solid #D55E00;padding:8px 16px;margin:12px 0}
        table{border-collapse:collapse;font-size:13px;margin:8px 0}
        th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;white-space:nowrap}
        th{background:#f4f4f4;cursor:pointer;user-select:none}th:hover{background:#e8e8e8}
        th.asc::after{content:" ▲"}th.desc::after{content:" ▼"}
        tbody tr:nth-child(even){background:#fafafa}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(600px,1fr));gap:16px}
        figure.chart{margin:0;border:1px solid #e4e4e4;padding:6px;background:#fff}
        figure.chart img,figure.chart svg{display:block;width:100%;height:auto}
        .scroll{overflow-x:auto}
        figcaption{font-size:12px;text-align:right}
        pre{background:#f7f7f7;padding:12px;overflow:auto;font-size:12px}
        .varied{font-size:15px}
        table.folded tbody tr.more{display:none}
        button.fold{font:inherit;font-size:13px;margin:0 0 8px;padding:3px 10px;cursor:pointer}
        @media print{body{margin:0;max-width:none}.charts{display:block}.scroll{overflow:visible}
          figure.chart,tr,.winner,.warn{break-inside:avoid}h1,h2,h3{break-after:avoid}
          thead{display:table-header-group}th{cursor:auto}th.asc::after,th.desc::after{content:""}
          table.folded tbody tr.more{display:table-row}button.fold{display:none}}
        """;

    private const string Script = """
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("th").forEach(function (th, column) {
            th.addEventListener("click", function () {
              var body = table.tBodies[0], rows = Array.from(body.rows);
              var ascending = !th.classList.contains("asc");
              table.querySelectorAll("th").forEach(function (h) { h.classList.remove("asc", "desc"); });
              th.classList.add(ascending ? "asc" : "desc");
              function key(row) {
                var c = row.cells[column];
                return c ? (c.dataset.sort !== undefined ? c.dataset.sort : c.textContent) : "";
              }
              // Numbers by value; a cell with none (a missing value, a key not drawn) after them either way,
              // so the order stays consistent when a numeric column has gaps.
              function number(k) { var n = parseFloat(k); return k.trim() !== "" && !isNaN(n) ? n : null; }
              rows.sort(function (a, b) {
                var x = key(a), y = key(b), nx = number(x), ny = number(y);
                if ((nx === null) !== (ny === null)) return nx === null ? 1 : -1;
                var r = nx !== null ? nx - ny : x.localeCompare(y);
                return ascending ? r : -r;
              });
              rows.forEach(function (r) { body.appendChild(r); });
              fold(table);
            });
          });
          // A long table shows its first rows, in the order it is sorted by, until "show all" is pressed.
          var limit = parseInt(table.dataset.fold || "0", 10), count = table.tBodies[0].rows.length;
          if (limit > 0 && count > limit + 5) {
            var button = document.createElement("button");
            button.className = "fold";
            table.classList.add("folded");
            function label() {
              button.textContent = table.classList.contains("folded") ? "Show all " + count + " rows"
                : "Show the first " + limit + " rows";
            }
            button.addEventListener("click", function () { table.classList.toggle("folded"); label(); });
            label();
            fold(table);
            table.parentNode.insertBefore(button, table.nextSibling);
          }
        });
        function fold(table) {
          var limit = parseInt(table.dataset.fold || "0", 10);
          Array.from(table.tBodies[0].rows).forEach(function (r, i) { r.classList.toggle("more", i >= limit); });
        }
        // For the browser check (scripts/check-report): how many charts drew a box with a size.
        window.addEventListener("load", function () {
          var charts = document.querySelectorAll("figure.chart > svg, figure.chart > img"), drawn = 0;
          charts.forEach(function (c) {
            var b = c.getBoundingClientRect();
            if (b.width > 0 && b.height > 0 && (c.tagName !== "IMG" || (c.complete && c.naturalWidth > 0))) drawn++;
          });
          document.body.setAttribute("data-charts", charts.length);
          document.body.setAttribute("data-charts-drawn", drawn);
        });
        """;
}
