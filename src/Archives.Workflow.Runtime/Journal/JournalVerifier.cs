using Archives.Workflow.Engine.Replay;

namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The whole verification of one case as a pure function of its row and its entries: the hash chain
/// (<see cref="JournalChain"/>) first, then a replay of the recorded stimuli that must reproduce every
/// recorded event. No database: the single-case check and the bulk run over every case both call it,
/// so they cannot disagree.
/// </summary>
public static class JournalVerifier
{
    /// <summary>Verifies <paramref name="entries"/> (in sequence order) of the case <paramref name="head"/> describes.</summary>
    /// <param name="head">What the case's row records.</param>
    /// <param name="entries">The case's journal, in sequence order.</param>
    /// <param name="compiled">The compiled workflow of a version of the case's definition.</param>
    /// <param name="environmentOf">The environment of a recorded burst (its instant and calendar version).</param>
    public static Verification Verify(
        CaseHead head,
        IReadOnlyList<JournalEntry> entries,
        Func<int, ExecutableWorkflow> compiled,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(compiled);
        ArgumentNullException.ThrowIfNull(environmentOf);
        var chain = JournalChain.Verify(entries, head.JournalLength, head.JournalHead, head.JournalRule);
        if (!chain.IsIntact)
        {
            return new Verification(head.InstanceId, entries.Count, chain.FirstBrokenSequence, chain.Problem, null) { JournalRule = head.JournalRule };
        }

        JournalDifference? difference;
        try
        {
            difference = Replay(head, entries, compiled, environmentOf);
        }
        catch (Exception ex) when (ex is WorkflowNotFoundException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // A chain rewritten around content the engine cannot read or replay is a difference, not a crash of the check.
            difference = new JournalDifference(0, null, "a history the engine can replay", ex.Message);
        }

        return new Verification(head.InstanceId, entries.Count, null, null, HistoryReplay.AtJournalSequence(difference, entries)) { JournalRule = head.JournalRule };
    }

    /// <summary>
    /// The journal sequence an auditor looks at first: the chain's first broken entry, or the entry of
    /// the first event replay did not reproduce (the first event after the recorded ones when replay
    /// produced more); null when the case verifies.
    /// </summary>
    public static long? FirstBadSequence(Verification verification, IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(verification);
        ArgumentNullException.ThrowIfNull(entries);
        if (verification.FirstBrokenSequence is { } broken)
        {
            return broken;
        }

        if (verification.ReplayDifference is not { } difference)
        {
            return null;
        }

        var events = 0;
        foreach (var entry in entries)
        {
            if (entry.Kind == JournalKinds.Event && events++ == difference.Index)
            {
                return entry.Sequence;
            }
        }

        return entries.Count + 1;
    }

    private static JournalDifference? Replay(
        CaseHead head,
        IReadOnlyList<JournalEntry> entries,
        Func<int, ExecutableWorkflow> compiled,
        Func<RecordedStimulus, WorkflowEnvironment> environmentOf)
    {
        var history = new List<RecordedStimulus>();
        var recorded = new List<JournalEntry>();
        int? firstVersion = null;
        foreach (var entry in entries)
        {
            if (entry.Kind == JournalKinds.Stimulus)
            {
                history.Add(WorkflowJson.Deserialize<RecordedStimulus>(entry.Payload));
            }
            else if (entry.Kind == JournalKinds.Event)
            {
                recorded.Add(entry);

                // A migrated case started on the version its first migration left.
                if (firstVersion is null && entry.Type == JournalEventTypes.Migrated
                    && WorkflowJson.Deserialize<JournalEvent>(entry.Payload).Data?["fromVersion"] is double from)
                {
                    firstVersion = (int)from;
                }
            }
        }

        IReadOnlyList<JournalEvent> replayed;
        try
        {
            replayed = WorkflowReplayer.Replay(compiled(firstVersion ?? head.DefinitionVersion), history, environmentOf, compiled).Journal;
        }
        catch (StimulusRejectedException ex)
        {
            return new JournalDifference(0, null, "a history the engine accepts", $"a refused stimulus: {ex.Message}");
        }

        // The recorded payload is the canonical JSON of the event the engine wrote: compared as it is
        // stored, without reading it back, so a bulk run spends its time replaying rather than parsing.
        var count = Math.Max(recorded.Count, replayed.Count);
        for (var i = 0; i < count; i++)
        {
            var expected = i < recorded.Count ? recorded[i].Payload : null;
            var actual = i < replayed.Count ? WorkflowJson.Serialize(replayed[i]) : null;
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                var sequence = expected is not null ? WorkflowJson.Deserialize<JournalEvent>(expected).Sequence : replayed[i].Sequence;
                return new JournalDifference(i, sequence, expected, actual);
            }
        }

        return null;
    }
}
