using Archives.Workflow.Engine.Replay;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The pure step-through replay of a journal: no database, only the entries and the means to compile a
/// version and build a burst's environment. Each recorded stimulus gives one <see cref="ReplayedStep"/>
/// with the state after it, what changed, what the case waits for, and its events beside the recorded ones.
/// </summary>
public static class HistoryReplay
{
    /// <summary>
    /// The version the case started on: the source version of its first migration, or
    /// <paramref name="currentVersion"/> when it was never migrated.
    /// </summary>
    public static int FirstVersion(IReadOnlyList<JournalEntry> entries, int currentVersion)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var migrated = entries.FirstOrDefault(e => e.Kind == JournalKinds.Event && e.Type == JournalEventTypes.Migrated);
        if (migrated is null)
        {
            return currentVersion;
        }

        var data = Read(migrated.Payload)?.Data;
        return data?.GetValueOrDefault("fromVersion") is double from ? (int)from : currentVersion;
    }

    /// <summary>
    /// Names a replay difference by the journal's own sequence (stimuli and events counted together), the
    /// number an auditor finds in the journal, rather than by the event's place among events only.
    /// </summary>
    public static JournalDifference? AtJournalSequence(JournalDifference? difference, IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (difference?.Sequence is null)
        {
            return difference;
        }

        var events = entries.Where(e => e.Kind == JournalKinds.Event).ToList();
        return difference with
        {
            Sequence = difference.Index < events.Count ? events[difference.Index].Sequence : (entries.Count == 0 ? 1 : entries[^1].Sequence + 1),
        };
    }

    /// <summary>
    /// Replays <paramref name="entries"/> (in sequence order) stimulus by stimulus. A history the engine
    /// refuses part-way ends the list at the last step it accepted; verification names the fault.
    /// </summary>
    /// <param name="entries">The whole journal, stimuli and events, in sequence order.</param>
    /// <param name="firstVersion">The version the case started on (<see cref="FirstVersion"/>).</param>
    /// <param name="workflowOf">The compiled workflow of a version; called once per version the history runs on.</param>
    /// <param name="environmentOf">The environment of a burst, from its record.</param>
    public static IReadOnlyList<ReplayedStep> Steps(
        IReadOnlyList<JournalEntry> entries,
        int firstVersion,
        Func<int, ExecutableWorkflow> workflowOf,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(workflowOf);
        ArgumentNullException.ThrowIfNull(environmentOf);

        var stimuli = new List<JournalEntry>();
        var history = new List<RecordedStimulus>();
        // The events recorded after each stimulus, up to the next one, as stored: the canonical JSON the replay must reproduce byte for byte.
        var recordedEvents = new List<List<string>>();
        foreach (var entry in entries)
        {
            if (entry.Kind == JournalKinds.Stimulus)
            {
                // A stored text that is no longer a stimulus ends the history there, as a refused one does.
                if (ReadStimulus(entry.Payload) is not { } recorded)
                {
                    break;
                }

                stimuli.Add(entry);
                history.Add(recorded);
                recordedEvents.Add([]);
            }
            else if (recordedEvents.Count > 0)
            {
                recordedEvents[^1].Add(entry.Payload);
            }
        }

        var steps = new List<ReplayedStep>(history.Count);
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var before = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        try
        {
            foreach (var step in WorkflowReplayer.Steps(workflowOf(firstVersion), history, environmentOf, workflowOf))
            {
                var entry = stimuli[step.Index];
                var state = step.State;
                var variables = new SortedDictionary<string, object?>(state.Variables, StringComparer.Ordinal);
                var waiting = state.Bookmarks.Select(b => b.ActivityId).Distinct(StringComparer.Ordinal).ToList();
                foreach (var activity in step.Events.Select(e => e.ActivityId).OfType<string>())
                {
                    reached.Add(activity);
                }

                var compared = Compare(recordedEvents[step.Index], step.Events);
                steps.Add(new ReplayedStep(
                    entry.Sequence, entry.At, entry.Actor, entry.Type, entry.Payload, state.DefinitionVersion, state.Status.ToString(), state.Milestone,
                    variables, waiting, step.Events, compared.All(c => c.Equal))
                {
                    Done = [.. reached.Where(a => !waiting.Contains(a)).Order(StringComparer.Ordinal)],
                    ChangedVariables = Changed(before, variables),
                    Waits = [.. state.Bookmarks.Select(Wait)],
                    ComparedEvents = compared,
                });
                before = variables;
            }
        }
        catch (StimulusRejectedException)
        {
            // The history stops being one the engine accepts: the steps so far are the answer, and verification names the fault.
        }

        return steps;
    }

    private static List<ComparedEvent> Compare(List<string> recorded, IReadOnlyList<JournalEvent> replayed)
    {
        var compared = new List<ComparedEvent>(Math.Max(recorded.Count, replayed.Count));
        for (var i = 0; i < Math.Max(recorded.Count, replayed.Count); i++)
        {
            var recordedJson = i < recorded.Count ? recorded[i] : null;
            var p = i < replayed.Count ? replayed[i] : null;
            var replayedJson = p is null ? null : WorkflowJson.Serialize(p);
            if (string.Equals(recordedJson, replayedJson, StringComparison.Ordinal))
            {
                compared.Add(new ComparedEvent(p!.Sequence, p.Type, p.ActivityId, true, null, null));
                continue;
            }

            // Only a difference is read back: what the journal holds may not even be an event any more.
            var shown = p ?? Read(recordedJson!);
            compared.Add(new ComparedEvent(shown?.Sequence, shown?.Type ?? "?", shown?.ActivityId, false, recordedJson, replayedJson));
        }

        return compared;
    }

    private static RecordedStimulus? ReadStimulus(string payload)
    {
        try
        {
            return WorkflowJson.Deserialize<RecordedStimulus>(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JournalEvent? Read(string payload)
    {
        try
        {
            return WorkflowJson.Deserialize<JournalEvent>(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static List<string> Changed(SortedDictionary<string, object?> before, SortedDictionary<string, object?> after)
    {
        var changed = new List<string>();
        foreach (var (name, value) in after)
        {
            // Strings, numbers and booleans compare as values; objects and arrays by their canonical JSON.
            if (!before.TryGetValue(name, out var old)
                || (!Equals(old, value) && !string.Equals(WorkflowJson.Serialize(old), WorkflowJson.Serialize(value), StringComparison.Ordinal)))
            {
                changed.Add(name);
            }
        }

        changed.AddRange(before.Keys.Where(name => !after.ContainsKey(name)));
        return changed;
    }

    private static StepWait Wait(Bookmark bookmark) =>
        new(bookmark.Kind.ToString(), bookmark.ActivityId, bookmark.DueAt, bookmark.Purpose?.ToString(), bookmark.Signal ?? bookmark.Job, bookmark.Assignee);
}
