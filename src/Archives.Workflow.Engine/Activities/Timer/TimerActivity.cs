namespace Archives.Workflow.Engine.Activities.Timer;

/// <summary>Waits for working days, calendar time or a computed instant, then goes on from Done.</summary>
internal sealed class TimerActivity : ActivityBehaviour<CompiledTime>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.Timer, Category = "Time",
        DisplayName = LocalizedText.Of("定时", "Timer"),
        Description = LocalizedText.Of("等待一段时间（工作日、日历时间或计算出的时刻）。",
            "Waits for working days, calendar time or a computed instant."),
        FixedPorts = [Ports.Done],
        Properties = [new("delay", "TimeSpec", Required: true, AcceptsExpression: true)],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.Delay"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa) =>
        activity with { Delay = elsa.Delay() };

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        checks.Required("delay", activity.Delay);
        checks.Time("delay", activity.Delay);
    }

    protected override CompiledTime CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        CompiledTime.Compile(Validated(activity.Delay, activity, "delay"), expressions);

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var due = context.Due(Inputs(node), node);
        var timer = context.AddBookmark(new Bookmark
        {
            Id = context.NextId("timer"), Kind = BookmarkKind.Timer, ActivityId = node.Id, Purpose = TimerPurpose.Delay,
            DueAt = due, CreatedAt = context.Now, Frames = frames,
        });
        context.AddEffect(new ScheduleTimer(timer.Id, node.Id, due, TimerPurpose.Delay));
        context.Emit(JournalEventTypes.TimerScheduled, node.Id, bookmarkId: timer.Id, dueAt: due);
    }

    public override void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        if (stimulus is not TimerFired)
        {
            base.Resume(node, bookmark, stimulus, context);
            return;
        }

        context.Emit(JournalEventTypes.TimerFired, node.Id, port: Ports.Done, bookmarkId: bookmark.Id, actor: SystemActor);
        context.Follow(node, Ports.Done, bookmark.Frames);
    }

    public override bool Holds(ActivityNode node, Bookmark bookmark) => bookmark is { Kind: BookmarkKind.Timer, Purpose: TimerPurpose.Delay };

    public override CompiledTime? LimitOf(ActivityNode node, Bookmark bookmark, WorkflowState state) =>
        bookmark is { Kind: BookmarkKind.Timer, Purpose: TimerPurpose.Delay } ? Inputs(node) : null;

}
