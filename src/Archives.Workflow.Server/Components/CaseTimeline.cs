using Archives.Workflow.Cases.Data;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Journal;
using Archives.Workflow.Runtime.Journal;
using Archives.Workflow.Runtime.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Archives.Workflow.Server.Components;

/// <summary>One line of a case's history as a person reads it.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Who">The staff member or the system.</param>
/// <param name="Kind">A key of the UI texts (<c>Journal.TaskCompleted</c>…).</param>
/// <param name="Subject">The task's title, the signal's or job's name, the milestone.</param>
/// <param name="Outcome">The outcome chosen, for a task.</param>
/// <param name="Comment">The comment or reason given, if any.</param>
public sealed record TimelineItem(DateTimeOffset At, string? Who, string Kind, string? Subject, string? Outcome, string? Comment);

/// <summary>Reads a case's journal into a timeline: what came in (tasks done, signals, timers, jobs) and the milestones reached.</summary>
public static class CaseTimeline
{
    public static async Task<IReadOnlyList<TimelineItem>> LoadAsync(ArchivesDbContext db, string instanceId, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db.Set<JournalEntry>().AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        var tasks = await db.Set<WorkflowTask>().AsNoTracking().Where(t => t.InstanceId == instanceId).ToDictionaryAsync(t => t.Id, cancellationToken);
        var items = new List<TimelineItem>();
        foreach (var entry in entries)
        {
            if (entry.Kind == JournalKinds.Stimulus)
            {
                var stimulus = WorkflowJson.Deserialize<RecordedStimulus>(entry.Payload).Stimulus;
                items.Add(stimulus switch
                {
                    StartWorkflow => new TimelineItem(entry.At, entry.Actor, "Journal.Started", null, null, null),
                    TaskCompleted done => new TimelineItem(entry.At, entry.Actor, "Journal.TaskCompleted",
                        tasks.TryGetValue(done.TaskId, out var task) ? (english ? task.TitleEn : task.TitleZh) : done.TaskId, done.Outcome, Comment(done.Data)),
                    SignalReceived signal => new TimelineItem(entry.At, entry.Actor, "Journal.SignalReceived", signal.Signal, null, Comment(signal.Data)),
                    TimerFired => new TimelineItem(entry.At, entry.Actor, "Journal.TimerFired", null, null, null),
                    JobSucceeded => new TimelineItem(entry.At, entry.Actor, "Journal.JobSucceeded", null, null, null),
                    JobFailed failed => new TimelineItem(entry.At, entry.Actor, "Journal.JobFailed", null, null, failed.Error),
                    CancelWorkflow cancel => new TimelineItem(entry.At, entry.Actor, "Journal.Cancelled", null, null, cancel.Reason),
                    MigrateWorkflow migrate => new TimelineItem(entry.At, entry.Actor, "Journal.Migrated", $"v{migrate.TargetVersion}", null, null),
                    CalendarChanged changed => new TimelineItem(entry.At, entry.Actor, "Journal.CalendarChanged", $"v{changed.Version}", null, null),
                    _ => new TimelineItem(entry.At, entry.Actor, "Journal.Other", entry.Type, null, null),
                });
            }
            else if (entry.Type == JournalEventTypes.DeadlineMoved && items.Count > 0 && items[^1].Kind == "Journal.CalendarChanged")
            {
                // Each moved deadline joins the line of the calendar change: what moved, from when to when.
                var moved = WorkflowJson.Deserialize<JournalEvent>(entry.Payload);
                var what = moved.BookmarkId is { } id && tasks.TryGetValue(id, out var movedTask) ? (english ? movedTask.TitleEn : movedTask.TitleZh) : moved.ActivityId;
                var from = moved.Value is string old && DateTimeOffset.TryParse(old, System.Globalization.CultureInfo.InvariantCulture, out var was) ? Day(was) : "?";
                var line = $"{what} {from} → {(moved.DueAt is { } due ? Day(due) : "?")}";
                items[^1] = items[^1] with { Comment = items[^1].Comment is null ? line : $"{items[^1].Comment}; {line}" };
            }
            else if (entry.Type is JournalEventTypes.MilestoneReached or JournalEventTypes.JobSucceeded)
            {
                var e = WorkflowJson.Deserialize<JournalEvent>(entry.Payload);
                if (entry.Type == JournalEventTypes.MilestoneReached)
                {
                    items.Add(new TimelineItem(entry.At, null, "Milestone", e.Name, null, null));
                }
                else if (items.Count > 0 && items[^1].Kind == "Journal.JobSucceeded" && items[^1].Subject is null)
                {
                    items[^1] = items[^1] with { Subject = e.Name };
                }
            }
        }

        return items;
    }

    private static string Day(DateTimeOffset instant) =>
        instant.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Comment(IReadOnlyDictionary<string, object?>? data) =>
        data is null ? null : (data.GetValueOrDefault("reason") ?? data.GetValueOrDefault("comment") ?? data.GetValueOrDefault("trackingNumber")) as string;
}
