namespace Archives.Workflow.Server.Api;

/// <summary>Cells of a CSV file as RFC 4180 writes them, safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>
    /// One cell: quoted when it holds a comma, a quote or a line break (quotes doubled); a cell a spreadsheet would
    /// read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return) is
    /// prefixed with an apostrophe, so that an exported name can never run as one.
    /// </summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
