namespace Archives.Workflow.Engine.Activities.WaitForSignal;

/// <summary>Waits for a named signal of the case (its payload checked like a form when it declares one), with an optional timeout.</summary>
internal sealed class WaitForSignalActivity : ActivityBehaviour<WaitForSignalActivity.WaitInputs>
{
    public override ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityTypes.WaitForSignal, Category = "Events",
        DisplayName = LocalizedText.Of("等待信号", "Wait for signal"),
        Description = LocalizedText.Of("等待本案件的具名信号，可设超时。", "Waits for a named signal of the case, with an optional timeout."),
        FixedPorts = [Ports.Done],
        ConditionalPorts = a => a.Timeout is null ? [] : [Ports.Timeout],
        Properties =
        [
            new("signal", "Text", Required: true),
            new("timeout", "TimeSpec", AcceptsExpression: true),
            new("form", "Form"),
            new("rules", "Rules", AcceptsExpression: true),
            new("outputVariable", "Variable"),
        ],
    };

    public override IReadOnlyList<string> ElsaTypes { get; } = ["Elsa.Event"];

    public override ActivityDefinition FromElsa(ActivityDefinition activity, ElsaActivity elsa)
    {
        var eventName = elsa.Literal("eventName");
        if (eventName is null)
        {
            elsa.Problem("EventNameNotLiteral", "Only a literal event name can be imported.");
        }

        return activity with { Signal = eventName, OutputVariable = elsa.OutputVariable("result") };
    }

    public override void Check(ActivityDefinition activity, ActivityChecks checks)
    {
        if (string.IsNullOrWhiteSpace(activity.Signal))
        {
            checks.Add("signal", "PropertyRequired", "A wait for signal needs the signal's name.");
        }

        checks.Time("timeout", activity.Timeout);
        checks.Fields("form", activity.Form);
        checks.Rules(activity.Rules, activity.Form, null);
        checks.OutputVariable(activity);
    }

    protected override WaitInputs CompileInputs(ActivityDefinition activity, IExpressionEngine expressions) =>
        new(Validated(activity.Signal, activity, "signal"), activity.Timeout is null ? null : CompiledTime.Compile(activity.Timeout, expressions));

    public override void Execute(ActivityNode node, IActivityContext context, ForkFrame[] frames)
    {
        var wait = Inputs(node);
        var timeoutAt = wait.Timeout is null ? (DateTimeOffset?)null : context.Due(wait.Timeout, node);
        var signal = context.AddBookmark(new Bookmark
        {
            Id = context.NextId("signal"), Kind = BookmarkKind.Signal, ActivityId = node.Id, Signal = wait.Signal,
            DueAt = timeoutAt, CreatedAt = context.Now, Frames = frames,
        });
        context.Emit(JournalEventTypes.SignalAwaited, node.Id, bookmarkId: signal.Id, name: wait.Signal, dueAt: timeoutAt);
        if (timeoutAt is { } timeoutDue)
        {
            context.AddChildTimer(signal, node, TimerPurpose.SignalTimeout, timeoutDue);
        }
    }

    public override void Accept(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        // A wait that declares no form takes any payload; one that does checks it like a task form.
        if (stimulus is SignalReceived received && (node.Definition.Form is { Count: > 0 } || node.Definition.Rules is { Count: > 0 }))
        {
            context.CheckForm(node, node.Definition.Form, node.Definition.Rules, Values.NormalizeMap(received.Data), null, "InvalidSignalData");
        }
    }

    public override void Resume(ActivityNode node, Bookmark bookmark, Stimulus stimulus, IActivityContext context)
    {
        switch (stimulus)
        {
            case SignalReceived received:
                var data = Values.NormalizeMap(received.Data);
                context.RemoveBookmark(bookmark);
                context.Emit(JournalEventTypes.SignalReceived, node.Id, port: Ports.Done, bookmarkId: bookmark.Id, actor: received.Actor ?? SystemActor,
                    name: received.Signal, data: data);
                context.CancelChildren(bookmark.Id);
                if (node.Definition.OutputVariable is { } output)
                {
                    context.State.Variables[output] = Values.ToElement(data);
                }

                context.Follow(node, Ports.Done, bookmark.Frames);
                break;
            case TimerFired when bookmark.Purpose == TimerPurpose.SignalTimeout:
                var signal = bookmark.ParentId is null ? null : context.FindBookmark(bookmark.ParentId, BookmarkKind.Signal);
                if (signal is not null)
                {
                    context.RemoveBookmark(signal);
                    context.Emit(JournalEventTypes.SignalTimedOut, node.Id, port: Ports.Timeout, bookmarkId: signal.Id, actor: SystemActor, name: signal.Signal);
                    context.Follow(node, Ports.Timeout, signal.Frames);
                }

                break;
            default:
                base.Resume(node, bookmark, stimulus, context);
                break;
        }
    }

    public override bool Holds(ActivityNode node, Bookmark bookmark) =>
        (bookmark.Kind == BookmarkKind.Signal && string.Equals(bookmark.Signal, Inputs(node).Signal, StringComparison.Ordinal))
        || bookmark is { Kind: BookmarkKind.Timer, Purpose: TimerPurpose.SignalTimeout };

    public override CompiledTime? LimitOf(ActivityNode node, Bookmark bookmark, WorkflowState state) =>
        bookmark.Kind == BookmarkKind.Signal || bookmark is { Kind: BookmarkKind.Timer, Purpose: TimerPurpose.SignalTimeout }
            ? Inputs(node).Timeout
            : null;

    /// <param name="Signal">The signal's name.</param>
    /// <param name="Timeout">The time after which the Timeout port is taken; null when the wait has none.</param>
    internal sealed record WaitInputs(string Signal, CompiledTime? Timeout);
}
