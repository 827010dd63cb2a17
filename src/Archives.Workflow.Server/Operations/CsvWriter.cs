using System.Text;

namespace Archives.Workflow.Server.Operations;

/// <summary>CSV rows with CRLF line ends, each cell written by <see cref="Api.Csv.Cell"/> (RFC 4180 quoting, no formulas).</summary>
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
            text.Append(Api.Csv.Cell(cell));
        }

        text.Append("\r\n");
    }

    /// <summary>UTF-8 with a byte order mark, so that spreadsheet programs read the Chinese as Chinese.</summary>
    public byte[] ToUtf8WithBom() => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];

    public override string ToString() => text.ToString();
}
