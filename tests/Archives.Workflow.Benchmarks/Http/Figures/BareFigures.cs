namespace Archives.Workflow.Benchmarks.Http.Figures;

/// <summary>The bare runtime's completions in the same run (the <c>durable</c> mode's table row), or why there are none.</summary>
internal sealed record BareFigures(int Clients, double? CompletionsPerSecond, double? StartsPerSecond, double? CompleteP95Ms, string? Note)
{
    /// <summary>
    /// Reads the <c>durable</c> mode's table for one database and client count: rows such as
    /// <c>| PostgreSQL | 16 | complete task | 1999 | 2600 | 4.10 | 9.80 | 14.00 | … |</c>.
    /// </summary>
    public static BareFigures FromDurableTable(string output, string database, int clients)
    {
        ArgumentNullException.ThrowIfNull(output);
        double? complete = null, start = null, p95 = null;
        foreach (var line in output.Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            // A row is "", database, clients, phase, transitions, per second, p50, p95, p99, ….
            if (cells.Length < 9 || cells[1] != database || cells[2] != clients.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                continue;
            }

            var rate = double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture);
            if (cells[3] == "complete task")
            {
                complete = rate;
                p95 = double.Parse(cells[7], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (cells[3] == "start")
            {
                start = rate;
            }
        }

        return new BareFigures(clients, complete, start, p95, complete is null ? $"no {database} row for {clients} clients in the durable mode's output" : null);
    }
}
