namespace Archives.Workflow.Engine.Execution;

/// <summary>An open deadline of a case that a calendar would move: from its recorded due instant to the one the calendar gives.</summary>
/// <param name="BookmarkId">The task, timer or signal wait.</param>
/// <param name="ActivityId">The activity the deadline belongs to.</param>
/// <param name="Kind">Task, Timer or Signal (a signal wait's own timeout instant).</param>
/// <param name="Purpose">For timers: Delay, Reminder, Escalation or SignalTimeout.</param>
/// <param name="Since">The recorded starting point the working days count from (when the bookmark was made).</param>
/// <param name="WorkingDays">The working days of the definition's time limit.</param>
/// <param name="From">The recorded due instant.</param>
/// <param name="To">The due instant the calendar gives.</param>
public sealed record DeadlineMove(
    string BookmarkId,
    string ActivityId,
    BookmarkKind Kind,
    TimerPurpose? Purpose,
    DateTimeOffset Since,
    int WorkingDays,
    DateTimeOffset From,
    DateTimeOffset To)
{
    /// <summary>Calendar days the deadline moves by (negative: earlier).</summary>
    public int Days => ChinaTime.DateOf(To).DayNumber - ChinaTime.DateOf(From).DayNumber;
}

/// <summary>
/// Which open deadlines of a case a working-day calendar would move. Only limits given in working days
/// are counted again, each from its recorded starting point (the instant its task, timer or wait was
/// made) with the same number of working days; durations and computed instants do not depend on the
/// calendar and never move.
/// </summary>
public static class Deadlines
{
    /// <summary>The deadlines of <paramref name="state"/> that <paramref name="calendar"/> gives another instant, in bookmark order.</summary>
    public static IReadOnlyList<DeadlineMove> Moves(ExecutableWorkflow workflow, WorkflowState state, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(calendar);
        var moves = new List<DeadlineMove>();
        if (state.IsClosed)
        {
            return moves;
        }

        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark.DueAt is not { } due || workflow.Find(bookmark.ActivityId) is not { } node)
            {
                continue;
            }

            var limit = node.Behaviour.LimitOf(node, bookmark, state);
            if (limit?.WorkingDays is not { } days)
            {
                continue;
            }

            var counted = calendar.AddWorkingDays(bookmark.CreatedAt, days, out _).ToOffset(ChinaTime.Offset);
            if (counted != due)
            {
                moves.Add(new DeadlineMove(bookmark.Id, bookmark.ActivityId, bookmark.Kind, bookmark.Purpose, bookmark.CreatedAt, days, due, counted));
            }
        }

        return moves;
    }

    /// <summary>
    /// A task's reminders are made right after the task, in the definition's order, each taking the
    /// next id of the case: the n-th reminder's number is the task's plus n + 1.
    /// </summary>
    internal static int? ReminderIndex(Bookmark reminder, WorkflowState state)
    {
        if (reminder.ParentId is null || NumberOf(reminder.Id) is not { } own || NumberOf(reminder.ParentId) is not { } task)
        {
            return null;
        }

        var index = own - task - 1;
        return index >= 0 && state.Bookmarks.Exists(b => b.Id == reminder.ParentId) ? index : null;
    }

    private static int? NumberOf(string id)
    {
        var dash = id.LastIndexOf('-');
        return dash >= 0 && int.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
