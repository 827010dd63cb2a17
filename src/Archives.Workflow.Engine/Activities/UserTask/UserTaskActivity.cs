namespace Archives.Workflow.Engine.Activities.UserTask;

/// <summary>
/// An approval step: creates the task with its due date, reminders and escalation, takes its
/// completion (outcome and form checked) and its escalation through the Timeout port.
/// </summary>
internal sealed class UserTaskActivity : ActivityBehaviour<UserTaskActivity.TaskInputs>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.UserTask, Category = "People",
        DisplayName = LocalizedText.Of("人工任务", "User task"),
        Description = LocalizedText.Of("由某一角色或经办人完成的审批步骤。", "An approval step done by a role or an assignee."),
        DynamicPorts = a => a.Outcomes ?? [],
        ConditionalPorts = a => a.EscalateAfter is null ? [] : [Ports.Timeout],
        Properties =
        [
            ActivityDescriptors.TitleProperty,
            new("role", "Choice", Choices: Roles.All),
            new("assignee", "Expression", AcceptsExpression: true),
            new("outcomes", "StringList", Required: true),
            new("dueIn", "TimeSpec", AcceptsExpression: true),
            new("priority", "Choice", Choices: Priorities.All),
            new("form", "Form"),
            new("rules", "Rules", AcceptsExpression: true),
            new("reminders", "TimeSpecList", AcceptsExpression: true),
            new("escalateAfter", "TimeSpec", AcceptsExpression: true),
            new("outputVariable", "Variable"),
        ],
    };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (activity.Title is null || !activity.Title.HasLanguage(LocalizedText.Chinese) || !activity.Title.HasLanguage(LocalizedText.English))
        {
            checks.Add("title", "TitleNotBilingual", "A user task needs a title in zh-CN and en.");
        }

        if (activity.Role is null && activity.Assignee is null)
        {
            checks.Add("role", "RoleMissing", "A user task needs a role or an assignee.");
        }
        else if (activity.Role is not null && !checks.Options.KnownRoles.Contains(activity.Role))
        {
            checks.Add("role", "RoleUnknown", $"Unknown role '{activity.Role}'. Known: {string.Join(", ", checks.Options.KnownRoles)}.");
        }

        checks.Expression("assignee", activity.Assignee);
        if (activity.Outcomes is not { Count: > 0 })
        {
            checks.Add("outcomes", "OutcomesMissing", "A user task needs at least one outcome.");
        }
        else
        {
            checks.Names("outcomes", activity.Outcomes, "OutcomeDuplicate");
            if (activity.EscalateAfter is not null && activity.Outcomes.Contains(Ports.Timeout, StringComparer.Ordinal))
            {
                checks.Add("outcomes", "OutcomeReserved", "'Timeout' is the escalation port and cannot be an outcome.");
            }
        }

        if (activity.Priority is not null && !Priorities.All.Contains(activity.Priority, StringComparer.Ordinal))
        {
            checks.Add("priority", "PriorityUnknown", $"Unknown priority '{activity.Priority}'. Known: {string.Join(", ", Priorities.All)}.");
        }

        checks.Time("dueIn", activity.DueIn);
        var reminders = activity.Reminders ?? [];
        for (var i = 0; i < reminders.Count; i++)
        {
            checks.Required($"reminders[{i}]", reminders[i]);
            checks.Time($"reminders[{i}]", reminders[i]);
        }

        checks.Time("escalateAfter", activity.EscalateAfter);
        checks.Fields("form", activity.Form, activity.Outcomes ?? []);
        checks.Rules(activity.Rules, activity.Form, activity.Outcomes);
        checks.OutputVariable(activity);
    }

    protected override TaskInputs CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) => new(
        [.. activity.Outcomes ?? []],
        activity.Assignee is null ? null : CompiledValue.Compile(activity.Assignee, expressions),
        activity.DueIn is null ? null : CompiledTime.Compile(activity.DueIn, expressions),
        activity.EscalateAfter is null ? null : CompiledTime.Compile(activity.EscalateAfter, expressions),
        [.. (activity.Reminders ?? []).Select(r => CompiledTime.Compile(r, expressions))]);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var task = Inputs(node);
        var activity = node.Definition;
        var assignee = AssigneeOf(task, node, context);
        var due = task.DueIn is null ? (DateTimeOffset?)null : context.Due(task.DueIn, node);
        var reminderTimes = new DateTimeOffset[task.Reminders.Length];
        for (var i = 0; i < reminderTimes.Length; i++)
        {
            reminderTimes[i] = context.Due(task.Reminders[i], node);
        }

        var escalation = task.EscalateAfter is null ? (DateTimeOffset?)null : context.Due(task.EscalateAfter, node);
        var bookmark = context.AddBookmark(new Bookmark
        {
            Id = context.NextId("task"), Kind = BookmarkKind.Task, ActivityId = node.Id, DueAt = due, Assignee = assignee,
            CreatedAt = context.Now, Frames = frames,
        });
        var priority = activity.Priority ?? "Normal";
        context.AddEffect(new CreateTask(bookmark.Id, node.Id, activity.Title ?? LocalizedText.Plain(node.Id), activity.Role, assignee, due, priority, task.Outcomes));
        context.Emit(JournalEventTypes.TaskCreated, node.Id, bookmarkId: bookmark.Id, name: activity.Role, value: assignee, dueAt: due);
        foreach (var at in reminderTimes)
        {
            context.AddChildTimer(bookmark, node, TimerPurpose.Reminder, at);
        }

        if (escalation is { } escalateAt)
        {
            context.AddChildTimer(bookmark, node, TimerPurpose.Escalation, escalateAt);
        }
    }

    public override void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        switch (stimulus)
        {
            case TaskCompleted completed:
                Complete(node, bookmark, completed, context);
                break;
            case TimerFired when bookmark.Purpose == TimerPurpose.Reminder:
                Remind(node, bookmark, context);
                break;
            case TimerFired when bookmark.Purpose == TimerPurpose.Escalation:
                Escalate(node, bookmark, context);
                break;
            default:
                base.Resume(node, bookmark, stimulus, context);
                break;
        }
    }

    public override bool Holds(ActivityNode node, Bookmark bookmark) =>
        bookmark.Kind == BookmarkKind.Task || bookmark is { Kind: BookmarkKind.Timer, Purpose: TimerPurpose.Reminder or TimerPurpose.Escalation };

    /// <summary>
    /// An open task taken over by a migration takes this activity's title, role, assignee (its rule evaluated
    /// now), priority and due date: the new limit counted from the task's creation, as the calendar counts it
    /// again, so that the task is due as if it had been made here. Reminders and escalation timers stay.
    /// </summary>
    public override IReadOnlyDictionary<string, object?>? TakeOver(ActivityNode node, Bookmark bookmark, IActivityContext context)
    {
        if (bookmark.Kind != BookmarkKind.Task)
        {
            return null;
        }

        var task = Inputs(node);
        var activity = node.Definition;
        var assignee = AssigneeOf(task, node, context);
        var due = task.DueIn is null ? (DateTimeOffset?)null : context.Due(task.DueIn, node, bookmark.CreatedAt);
        context.ReplaceBookmark(bookmark, bookmark with { DueAt = due, Assignee = assignee });
        var title = activity.Title ?? LocalizedText.Plain(node.Id);
        var priority = activity.Priority ?? "Normal";
        context.AddEffect(new ReviseTask(bookmark.Id, node.Id, title, activity.Role, assignee, due, priority, task.Outcomes));
        var became = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["activity"] = node.Id,
            ["title"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                [LocalizedText.Chinese] = title.Get(LocalizedText.Chinese),
                [LocalizedText.English] = title.Get(LocalizedText.English),
            },
            ["priority"] = priority,
        };
        if (activity.Role is { } role)
        {
            became["role"] = role;
        }

        if (assignee is not null)
        {
            became["assignee"] = assignee;
        }

        if (due is { } dueAt)
        {
            became["dueAt"] = Values.FormatInstant(dueAt);
        }

        return became;
    }

    private static string? AssigneeOf(TaskInputs task, ActivityNode node, IActivityContext context) =>
        task.Assignee is null ? null : context.Evaluate(task.Assignee, node) switch
        {
            null => null,
            string s => s,
            var other => Values.Describe(other),
        };

    public override CompiledTime? LimitOf(ActivityNode node, Bookmark bookmark, WorkflowState state)
    {
        var task = Inputs(node);
        return bookmark.Kind switch
        {
            BookmarkKind.Task => task.DueIn,
            BookmarkKind.Timer => bookmark.Purpose switch
            {
                TimerPurpose.Escalation => task.EscalateAfter,
                TimerPurpose.Reminder => Deadlines.ReminderIndex(bookmark, state) is { } i && i < task.Reminders.Length ? task.Reminders[i] : null,
                _ => null,
            },
            _ => null,
        };
    }

    private static void Complete(ActivityNode node, Bookmark task, TaskCompleted completed, IActivityContext context)
    {
        var activity = node.Definition;
        var outcomes = Inputs(node).Outcomes;
        if (!outcomes.Contains(completed.Outcome, StringComparer.Ordinal))
        {
            var error = new FieldError("outcome", "UnknownOutcome",
                LocalizedText.Of($"“{completed.Outcome}”不是此任务的结果。", $"'{completed.Outcome}' is not an outcome of this task."));
            throw new StimulusRejectedException("UnknownOutcome",
                $"'{completed.Outcome}' is not an outcome of '{node.Id}'; choose one of {string.Join(", ", outcomes)}.", node.Id, [error]);
        }

        var data = Values.NormalizeMap(completed.Data);
        context.CheckForm(node, activity.Form, activity.Rules, data, completed.Outcome, "InvalidFormData");

        context.RemoveBookmark(task);
        context.Emit(JournalEventTypes.TaskCompleted, node.Id, port: completed.Outcome, bookmarkId: task.Id, actor: completed.Actor, data: data);
        context.CancelChildren(task.Id);
        if (activity.OutputVariable is { } output)
        {
            context.State.Variables[output] = Values.ToElement(
            [
                new("outcome", completed.Outcome),
                new("completedBy", completed.Actor),
                new("completedAt", Values.FormatInstant(context.Now)),
                new("data", Values.ToElement(data)),
            ]);
        }

        context.Follow(node, completed.Outcome, task.Frames);
    }

    private static void Remind(ActivityNode node, Bookmark timer, IActivityContext context)
    {
        var task = timer.ParentId is null ? null : context.FindBookmark(timer.ParentId, BookmarkKind.Task);
        context.Emit(JournalEventTypes.ReminderSent, node.Id, bookmarkId: task?.Id ?? timer.ParentId, actor: SystemActor, dueAt: task?.DueAt);
        var title = node.Definition.Title ?? LocalizedText.Plain(node.Id);
        var due = task?.DueAt is { } d ? Values.FormatInstant(d) : "-";
        context.AddEffect(new Notify("TaskReminder", node.Id, task?.Id, node.Definition.Role, task?.Assignee, LocalizedText.Of(
            $"提醒：任务“{title.Get(LocalizedText.Chinese)}”的办理期限为 {due}。",
            $"Reminder: the task “{title.Get(LocalizedText.English)}” is due {due}.")));
    }

    private static void Escalate(ActivityNode node, Bookmark timer, IActivityContext context)
    {
        var escalated = timer.ParentId is null ? null : context.FindBookmark(timer.ParentId, BookmarkKind.Task);
        if (escalated is null)
        {
            return;
        }

        context.RemoveBookmark(escalated);
        context.CancelChildren(escalated.Id);
        context.AddEffect(new CancelTask(escalated.Id, node.Id, "Escalated"));
        context.Emit(JournalEventTypes.TaskEscalated, node.Id, port: Ports.Timeout, bookmarkId: escalated.Id, actor: SystemActor);
        context.Follow(node, Ports.Timeout, escalated.Frames);
    }

    /// <param name="Outcomes">The outcome ports.</param>
    /// <param name="Assignee">Null when the task goes to its role rather than to a computed assignee.</param>
    /// <param name="DueIn">Null when the task has no due date.</param>
    /// <param name="EscalateAfter">Null when the task is never escalated.</param>
    /// <param name="Reminders">The reminders, in the definition's order.</param>
    internal sealed record TaskInputs(string[] Outcomes, CompiledValue? Assignee, CompiledTime? DueIn, CompiledTime? EscalateAfter, CompiledTime[] Reminders);
}
