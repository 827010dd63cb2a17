using System.Text.Json;
using Archives.Workflow.Engine.Replay;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// Checks an <see cref="AuditBundle"/> offline, as the server checks a case: the hash chain first
/// (<see cref="JournalChain"/>, naming the first broken sequence), then a replay of the stimuli on the
/// bundled definitions and calendars that must reproduce every recorded event. Needs no database.
/// </summary>
public static class AuditBundleVerifier
{
    /// <summary>Reads a bundle from its JSON text.</summary>
    /// <exception cref="AuditBundleInvalidException">The text is not JSON, not a bundle of this format, or lacks a part.</exception>
    public static AuditBundle Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        AuditBundle? bundle;
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var format = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String
                    ? f.GetString()
                    : null;
                if (format != AuditBundle.Format)
                {
                    throw new AuditBundleInvalidException(format is null
                        ? $"not an audit bundle: no \"format\": \"{AuditBundle.Format}\""
                        : $"an audit bundle of format \"{format}\", this tool reads \"{AuditBundle.Format}\"");
                }
            }

            bundle = JsonSerializer.Deserialize<AuditBundle>(json, AuditBundle.JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}{(ex.BytePositionInLine is { } b ? $", byte {b + 1}" : string.Empty)})" : string.Empty;
            throw new AuditBundleInvalidException($"not a readable audit bundle{where}: {FirstSentence(ex.Message)}", ex);
        }

        if (bundle is null)
        {
            throw new AuditBundleInvalidException("not an audit bundle: the file holds null");
        }

        if (bundle.Journal.Count == 0)
        {
            throw new AuditBundleInvalidException("the bundle's journal is empty");
        }

        return bundle;
    }

    /// <summary>Verifies <paramref name="bundle"/>: chain, then replay. The result names the first bad sequence or the first event that differs.</summary>
    /// <exception cref="AuditBundleInvalidException">A version the history runs on is missing from the bundle, or a bundled definition does not compile.</exception>
    public static Verification Verify(AuditBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var instance = bundle.Instance;
        var entries = bundle.Journal.Select(e => new JournalEntry
        {
            InstanceId = instance.Id, Sequence = e.Sequence, At = e.At, Actor = e.Actor, Kind = e.Kind, Type = e.Type, Payload = e.Payload, Hash = e.Hash,
        }).ToList();

        var chain = JournalChain.Verify(entries, instance.JournalLength, instance.JournalHead, instance.JournalRule);
        if (!chain.IsIntact)
        {
            return new Verification(instance.Id, entries.Count, chain.FirstBrokenSequence, chain.Problem, null) { JournalRule = instance.JournalRule };
        }

        var workflows = new Dictionary<int, ExecutableWorkflow>();
        ExecutableWorkflow WorkflowOf(int version)
        {
            if (!workflows.TryGetValue(version, out var workflow))
            {
                var bundled = bundle.Definitions.FirstOrDefault(d => d.Version == version)
                    ?? throw new AuditBundleInvalidException($"the history runs on version {version} of {instance.DefinitionId}, which the bundle does not hold");
                try
                {
                    workflow = ExecutableWorkflow.Compile(DefinitionSerializer.Deserialize(bundled.Definition.GetRawText()), new ValidationOptions());
                }
                catch (Exception ex) when (ex is JsonException or DefinitionInvalidException)
                {
                    throw new AuditBundleInvalidException($"version {version} of {instance.DefinitionId} in the bundle is not a valid definition: {FirstSentence(ex.Message)}", ex);
                }

                workflows[version] = workflow;
            }

            return workflow;
        }

        List<RecordedStimulus> history;
        List<JournalEvent> recorded;
        try
        {
            history = [.. entries.Where(e => e.Kind == JournalKinds.Stimulus).Select(e => WorkflowJson.Deserialize<RecordedStimulus>(e.Payload))];
            recorded = [.. entries.Where(e => e.Kind == JournalKinds.Event).Select(e => WorkflowJson.Deserialize<JournalEvent>(e.Payload))];
        }
        catch (JsonException ex)
        {
            throw new AuditBundleInvalidException($"an entry of the journal is not a stimulus or event the engine reads: {FirstSentence(ex.Message)}", ex);
        }

        if (history.Count == 0)
        {
            throw new AuditBundleInvalidException("the bundle's journal holds no stimulus to replay");
        }

        BundledCalendars calendars;
        try
        {
            calendars = new BundledCalendars(bundle.Calendars);
        }
        catch (JsonException ex)
        {
            throw new AuditBundleInvalidException($"a calendar of the bundle is not a schedule: {FirstSentence(ex.Message)}", ex);
        }

        var difference = WorkflowReplayer.Verify(
            WorkflowOf(HistoryReplay.FirstVersion(entries, instance.DefinitionVersion)),
            history,
            recorded,
            r => new WorkflowEnvironment(r.At, calendars.At(r.Calendar), JintExpressionEngine.Shared),
            WorkflowOf);
        return new Verification(instance.Id, entries.Count, null, null, HistoryReplay.AtJournalSequence(difference, entries)) { JournalRule = instance.JournalRule };
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>
    /// The calendars of the bundled editions, as the server's calendar store builds them: version v counts
    /// the newest edition of each year up to v; a burst recorded before calendars were versioned counted
    /// the first edition of each year and Monday to Friday in other years.
    /// </summary>
    private sealed class BundledCalendars(IReadOnlyList<AuditBundleCalendar> editions)
    {
        private readonly (int Version, int Year, CalendarYear Schedule)[] ordered =
            [.. editions.OrderBy(e => e.Version).Select(e => (e.Version, e.Year, WorkingDayCalendar.ReadYear(e.Schedule.GetRawText())))];

        private readonly Dictionary<int, WorkingDayCalendar> built = [];

        private WorkingDayCalendar? legacy;

        public WorkingDayCalendar At(int? version)
        {
            if (version is not { } v)
            {
                return legacy ??= new WorkingDayCalendar(ordered.GroupBy(e => e.Year).Select(g => g.First().Schedule), statutoryHolidays: false);
            }

            if (!built.TryGetValue(v, out var calendar))
            {
                calendar = new WorkingDayCalendar(ordered.Where(e => e.Version <= v).GroupBy(e => e.Year).Select(g => g.Last().Schedule)) { Version = v };
                built[v] = calendar;
            }

            return calendar;
        }
    }
}
