using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Runtime.Incidents;
using Archives.Workflow.Runtime.Tasks;

namespace Archives.Workflow.Runtime.Persistence;

/// <summary>
/// Turns what a burst produced (the new state, its events, its effects, the bookmarks that came and went)
/// into the rows of one <see cref="BurstWrite"/>: the case row, the hash-chained journal entries, tasks,
/// incidents and bookmarks. Pure over the write: nothing here reads the database.
/// </summary>
internal static class BurstProjection
{
    /// <summary>Collects everything a burst produced into one write; the caller saves it once.</summary>
    public static void Record(BurstWrite write, Stimulus stimulus, DateTimeOffset now, int? calendarVersion, Burst burst, WorkflowState? previous)
    {
        IReadOnlyList<Bookmark> before = previous?.Bookmarks ?? [];
        var instance = write.Instance;
        var state = burst.State;
        instance.State = WorkflowJson.Serialize(state);
        instance.Status = state.Status.ToString();
        instance.Milestone = state.Milestone;
        instance.DefinitionVersion = state.DefinitionVersion;
        instance.UpdatedAt = now;
        instance.CalendarVersion = calendarVersion;
        instance.Revision++;
        if (state.IsClosed)
        {
            instance.CompletedAt ??= now;
        }

        AddJournal(write, JournalKinds.Stimulus, stimulus.GetType().Name, stimulus.Actor, now, WorkflowJson.Serialize(new RecordedStimulus(now, stimulus) { Calendar = calendarVersion }));
        foreach (var e in burst.Events)
        {
            AddJournal(write, JournalKinds.Event, e.Type, e.Actor, now, WorkflowJson.Serialize(e));
        }

        if (stimulus is TaskCompleted completed)
        {
            write.Update<WorkflowTask>(
                completed.TaskId,
                (nameof(WorkflowTask.Status), Tasks.TaskStatus.Completed), (nameof(WorkflowTask.Outcome), completed.Outcome),
                (nameof(WorkflowTask.FormData), WorkflowJson.Serialize(Values.NormalizeMap(completed.Data))),
                (nameof(WorkflowTask.CompletedBy), completed.Actor), (nameof(WorkflowTask.CompletedAt), now));
        }

        if (stimulus is MigrateWorkflow { Mapping.Count: > 0 })
        {
            // The engine may have moved open incidents to mapped activities; retrying one runs the new activity.
            foreach (var incident in state.Incidents)
            {
                write.Update<IncidentRecord>(incident.Id, (nameof(IncidentRecord.ActivityId), incident.ActivityId));
            }
        }

        var cancelled = new HashSet<string>(StringComparer.Ordinal);
        var jobInputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var jobRetries = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var effect in burst.Effects)
        {
            switch (effect)
            {
                case CreateTask create:
                    write.Insert(new WorkflowTask
                    {
                        Id = create.TaskId, InstanceId = instance.Id, ActivityId = create.ActivityId,
                        TitleZh = create.Title.Get(LocalizedText.Chinese), TitleEn = create.Title.Get(LocalizedText.English),
                        Role = create.Role, Assignee = create.Assignee, DueAt = create.DueAt?.ToUniversalTime(), Priority = create.Priority,
                        Outcomes = string.Join(",", create.Outcomes), Status = Tasks.TaskStatus.Open, CreatedAt = now,
                    });
                    break;
                case CancelTask cancel:
                    cancelled.Add(cancel.TaskId);
                    write.Update<WorkflowTask>(cancel.TaskId, (nameof(WorkflowTask.Status), Tasks.TaskStatus.Cancelled));
                    break;
                case CancelTimer timer:
                    cancelled.Add(timer.BookmarkId);
                    break;
                case CancelJob job:
                    cancelled.Add(job.BookmarkId);
                    break;
                case RunJob run:
                    jobInputs[run.BookmarkId] = WorkflowJson.Serialize(run.Input);
                    if (run.NotBefore is { } notBefore)
                    {
                        jobRetries[run.BookmarkId] = notBefore.ToUniversalTime();
                    }

                    break;
                case MoveDeadline move:
                    write.Update<BookmarkRecord>(move.BookmarkId, (nameof(BookmarkRecord.DueAt), move.To.ToUniversalTime()));
                    if (move.Kind == BookmarkKind.Task)
                    {
                        write.Update<WorkflowTask>(move.BookmarkId, (nameof(WorkflowTask.DueAt), move.To.ToUniversalTime()));
                    }

                    break;
                case ReviseTask revise:
                    var revised = new List<(string, object?)>
                    {
                        (nameof(WorkflowTask.TitleZh), revise.Title.Get(LocalizedText.Chinese)), (nameof(WorkflowTask.TitleEn), revise.Title.Get(LocalizedText.English)),
                        (nameof(WorkflowTask.Role), revise.Role), (nameof(WorkflowTask.DueAt), revise.DueAt?.ToUniversalTime()),
                        (nameof(WorkflowTask.Priority), revise.Priority), (nameof(WorkflowTask.Outcomes), string.Join(",", revise.Outcomes)),
                    };
                    if (revise.Assignee is not null)
                    {
                        // An assignee rule of the new activity decides; otherwise whoever claimed the task keeps it.
                        revised.Add((nameof(WorkflowTask.Assignee), revise.Assignee));
                    }

                    write.Update<WorkflowTask>(revise.TaskId, [.. revised]);
                    write.Update<BookmarkRecord>(revise.TaskId, (nameof(BookmarkRecord.DueAt), revise.DueAt?.ToUniversalTime()));
                    break;
                case Fault fault:
                    write.Insert(new IncidentRecord
                    {
                        Id = fault.Incident.Id, InstanceId = instance.Id, ActivityId = fault.Incident.ActivityId, Code = fault.Incident.Code,
                        Message = fault.Incident.Message, Attempts = fault.Incident.Attempts, CreatedAt = now,
                    });
                    break;
            }
        }

        if (stimulus is RetryIncident retry)
        {
            write.Update<IncidentRecord>(retry.IncidentId, (nameof(IncidentRecord.ResolvedBy), retry.Actor), (nameof(IncidentRecord.ResolvedAt), now));
        }

        // An incident that leaves the case without being retried (the case cancelled or finished around it) is resolved
        // by whoever ended it: nothing is left open to retry, so the incident board and the cases list agree with the case.
        foreach (var gone in previous?.Incidents ?? [])
        {
            if (stimulus is RetryIncident { IncidentId: var retried } && string.Equals(retried, gone.Id, StringComparison.Ordinal))
            {
                continue;
            }

            if (!state.Incidents.Exists(i => string.Equals(i.Id, gone.Id, StringComparison.Ordinal)))
            {
                write.Update<IncidentRecord>(gone.Id, (nameof(IncidentRecord.ResolvedBy), stimulus.Actor ?? "system"), (nameof(IncidentRecord.ResolvedAt), now));
            }
        }

        SyncBookmarks(write, before, state.Bookmarks, cancelled, jobInputs, jobRetries, now);
    }

    /// <summary>Bookmarks that appeared are added; those that went away are consumed or cancelled; a retried job keeps its row.</summary>
    private static void SyncBookmarks(
        BurstWrite write,
        IReadOnlyList<Bookmark> before,
        IReadOnlyList<Bookmark> after,
        HashSet<string> cancelled,
        Dictionary<string, string> jobInputs,
        Dictionary<string, DateTimeOffset> jobRetries,
        DateTimeOffset now)
    {
        var afterById = after.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var old in before)
        {
            if (afterById.ContainsKey(old.Id))
            {
                continue;
            }

            write.Update<BookmarkRecord>(
                old.Id,
                (nameof(BookmarkRecord.Status), cancelled.Contains(old.Id) ? BookmarkStatus.Cancelled : BookmarkStatus.Consumed),
                (nameof(BookmarkRecord.ClosedAt), now));
        }

        var beforeById = before.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var bookmark in after)
        {
            if (beforeById.TryGetValue(bookmark.Id, out var previous))
            {
                if (!string.Equals(previous.ActivityId, bookmark.ActivityId, StringComparison.Ordinal))
                {
                    // A migration with a mapping moved the wait to another activity: its rows follow.
                    write.Update<BookmarkRecord>(bookmark.Id, (nameof(BookmarkRecord.ActivityId), bookmark.ActivityId));
                    if (bookmark.Kind == BookmarkKind.Task)
                    {
                        write.Update<WorkflowTask>(bookmark.Id, (nameof(WorkflowTask.ActivityId), bookmark.ActivityId));
                    }
                }

                if (bookmark.Kind == BookmarkKind.Job)
                {
                    // Only what the retry changed: the attempt, and the input and time when the engine gave new ones.
                    var set = new List<(string, object?)> { (nameof(BookmarkRecord.Attempt), bookmark.Attempt) };
                    if (jobInputs.TryGetValue(bookmark.Id, out var input))
                    {
                        set.Add((nameof(BookmarkRecord.Input), input));
                    }

                    if (jobRetries.TryGetValue(bookmark.Id, out var notBefore))
                    {
                        set.Add((nameof(BookmarkRecord.DueAt), notBefore));
                    }

                    write.Update<BookmarkRecord>(bookmark.Id, [.. set]);
                }

                continue;
            }

            write.Insert(new BookmarkRecord
            {
                Id = bookmark.Id, InstanceId = write.Instance.Id, Kind = bookmark.Kind.ToString(), ActivityId = bookmark.ActivityId,
                Signal = bookmark.Signal, Job = bookmark.Job, Attempt = bookmark.Attempt, DueAt = bookmark.DueAt?.ToUniversalTime(),
                Input = jobInputs.GetValueOrDefault(bookmark.Id),
                Status = BookmarkStatus.Pending, CreatedAt = now,
            });
        }
    }

    private static void AddJournal(BurstWrite write, string kind, string type, string? actor, DateTimeOffset at, string payload)
    {
        var instance = write.Instance;
        var entry = new JournalEntry
        {
            InstanceId = instance.Id, Sequence = ++instance.JournalLength, At = at.ToUniversalTime(), Actor = actor, Kind = kind, Type = type,
            Payload = payload, Hash = string.Empty,
        };

        // A chain keeps the rule it was written under, so an old case goes on verifying until it is rehashed.
        entry.Hash = JournalHasher.Next(instance.JournalHead, entry, instance.JournalRule);
        instance.JournalHead = entry.Hash;
        write.Insert(entry);
    }
}
