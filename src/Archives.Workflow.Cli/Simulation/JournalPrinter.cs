using Archives.Workflow.Engine.Simulation;

namespace Archives.Workflow.Cli.Simulation;

/// <summary>The readable form of a simulation: one line per journal event, then where the case stands.</summary>
internal static class JournalPrinter
{
    public static void Print(SimulationResult result, string culture, TextWriter output)
    {
        output.WriteLine($"{"time",-16}  {"actor",-12}  {"event",-18}  {"activity",-34}  detail");
        foreach (var e in result.Journal)
        {
            var time = e.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            output.WriteLine($"{time,-16}  {e.Actor ?? string.Empty,-12}  {e.Type,-18}  {e.ActivityId ?? string.Empty,-34}  {Detail(e)}".TrimEnd());
        }

        output.WriteLine();
        output.WriteLine($"status:     {result.Status}");
        output.WriteLine($"milestone:  {result.Milestone ?? "-"}");
        if (result.OpenTasks.Count == 0)
        {
            output.WriteLine("open tasks: -");
        }

        foreach (var task in result.OpenTasks)
        {
            var due = task.DueAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
            output.WriteLine($"open task:  {task.ActivityId} «{task.Title.Get(culture)}» role {task.Role ?? "-"} due {due}");
        }

        foreach (var incident in result.Incidents)
        {
            output.WriteLine($"incident:   {incident.ActivityId} [{incident.Code}] {incident.Message}");
        }

        foreach (var refusal in result.Refusals)
        {
            var detail = refusal.Errors.Count == 0
                ? refusal.Message
                : string.Join("; ", refusal.Errors.Select(e => $"{e.Field}: {e.Message.Get(culture)}"));
            output.WriteLine($"refused:    step {refusal.Step} as expected [{refusal.Code}] {detail}");
        }
    }

    private static string Detail(JournalEvent e)
    {
        var parts = new List<string>();
        if (e.Port is not null)
        {
            parts.Add($"→ {e.Port}");
        }

        if (e.Name is not null)
        {
            parts.Add(e.Name);
        }

        if (e.Value is not null)
        {
            parts.Add($"= {Values.Describe(e.Value)}");
        }

        if (e.DueAt is { } due)
        {
            parts.Add($"due {due.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}");
        }

        if (e.Data is { Count: > 0 } data)
        {
            parts.Add("{" + string.Join(", ", data.Select(p => $"{p.Key}: {Values.Describe(p.Value)}")) + "}");
        }

        return string.Join(" ", parts);
    }
}
