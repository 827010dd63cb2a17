using System.Text.Json;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Engine.Simulation;

namespace Archives.Workflow.Server.Components.DryRun;

/// <summary>
/// A dry run stepped by hand: the start input and the steps taken so far. Each new step runs the whole
/// script again in the simulator (the engine is deterministic, so the same steps always give the same
/// case); a step the engine refuses is dropped, so the case stays as it was.
/// </summary>
public sealed class DryRunSession(IReadOnlyDictionary<string, object?>? input, DateTimeOffset start)
{
    private readonly List<SimulationStep> steps = [];

    public IReadOnlyDictionary<string, object?>? Input => input;

    public DateTimeOffset Start => start;

    public IReadOnlyList<SimulationStep> Steps => steps;

    public SimulationResult? Result { get; private set; }

    /// <summary>The simulated clock: the start moved on by every advance taken (timers fire on the way).</summary>
    public DateTimeOffset Now(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var now = start;
        foreach (var step in steps.OfType<AdvanceStep>())
        {
            now = step.By.WorkingDays is { } days ? calendar.AddWorkingDays(now, days, out _) : IsoDuration.Parse(step.By.Duration!).AddTo(now);
        }

        return now;
    }

    /// <summary>Runs the steps taken plus <paramref name="next"/>; null when accepted, else why it was refused (the step is not kept).</summary>
    public async Task<string?> TryAsync(SimulationStep? next, Func<IReadOnlyList<SimulationStep>, Task<SimulationResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var candidate = next is null ? steps : [.. steps, next];
        var result = await run(candidate);
        if (result.Failure is not null && next is not null)
        {
            return result.Failure;
        }

        if (next is not null)
        {
            steps.Add(next);
        }

        Result = result;
        return result.Failure;
    }

    /// <summary>The activities the case went through (they appear in the journal) and those it waits in now.</summary>
    public (IReadOnlySet<string> Done, IReadOnlySet<string> Current) Progress()
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (Result?.State is { } state)
        {
            current.UnionWith(state.Bookmarks.Select(b => b.ActivityId));
            current.UnionWith(state.Incidents.Select(i => i.ActivityId));
        }

        foreach (var e in Result?.Journal ?? [])
        {
            if (e.ActivityId is { } id && !current.Contains(id))
            {
                done.Add(id);
            }
        }

        return (done, current);
    }

    public IEnumerable<Bookmark> Waiting(BookmarkKind kind) => Result?.State?.Bookmarks.Where(b => b.Kind == kind) ?? [];

    /// <summary>A value as JSON text for the variables panel.</summary>
    public static string Show(object? value) => value is string text ? text : WorkflowJson.Serialize(value);

    /// <summary>Reads a JSON object typed by the reader; null for empty text.</summary>
    /// <exception cref="JsonException">The text is not a JSON object.</exception>
    public static Dictionary<string, object?>? ParseObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? Values.FromJsonObject(document.RootElement)
            : throw new JsonException("A JSON object { … } is expected.");
    }
}
