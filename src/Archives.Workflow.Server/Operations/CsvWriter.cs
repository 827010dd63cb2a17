using System.Text;

namespace Archives.Workflow.Server.Operations;

/// <summary>
/// CSV as RFC 4180 has it (CRLF line ends; a cell with a comma, a quote or a line break in quotes,
/// its quotes doubled), made safe for spreadsheets: a cell a spreadsheet would read as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c>) is written with a leading apostrophe.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder text = new();

    public void Row(IEnumerable<string?> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(Cell(cell));
        }

        text.Append("\r\n");
    }

    /// <summary>UTF-8 with a byte order mark, so that spreadsheet programs read the Chinese as Chinese.</summary>
    public byte[] ToUtf8WithBom() => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];

    public override string ToString() => text.ToString();

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
