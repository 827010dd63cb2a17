namespace Archives.Workflow.Engine.Activities;

/// <summary>
/// What a behaviour may do within a burst. The burst keeps the queue, the connections, the bookmarks,
/// the fork scopes, the journal and the effects; a behaviour reaches them only through here.
/// </summary>
internal interface IActivityContext
{
    /// <summary>The burst's instant, in China Standard Time.</summary>
    DateTimeOffset Now { get; }

    /// <summary>The case's state as the burst changes it.</summary>
    WorkflowState State { get; }

    /// <summary>The next id of the case for a bookmark or an incident, e.g. <c>case-1:task-3</c>.</summary>
    string NextId(string kind);

    /// <summary>Appends a journal event, numbered and stamped with the burst's instant.</summary>
    void Emit(string type, string? activityId = null, string? port = null, string? bookmarkId = null, string? actor = null,
        string? name = null, object? value = null, DateTimeOffset? dueAt = null, IReadOnlyDictionary<string, object?>? data = null);

    void AddEffect(Effect effect);

    Bookmark AddBookmark(Bookmark bookmark);

    Bookmark? FindBookmark(string id, BookmarkKind kind);

    void RemoveBookmark(Bookmark bookmark);

    void ReplaceBookmark(Bookmark old, Bookmark replacement);

    /// <summary>Withdraws the reminders, escalations and timeouts hanging on a bookmark.</summary>
    void CancelChildren(string parentId);

    /// <summary>Schedules a timer that belongs to <paramref name="parent"/> (a reminder, an escalation, a timeout).</summary>
    void AddChildTimer(Bookmark parent, ActivityNode node, TimerPurpose purpose, DateTimeOffset due);

    /// <summary>Goes on from <paramref name="port"/>; an unconnected port ends the path.</summary>
    void Follow(ActivityNode node, string port, ForkFrame[] frames);

    /// <summary>The path ended here; its fork scope may now be complete.</summary>
    void PathEnded(ForkFrame[] frames);

    /// <summary>Starts one path per connected branch port, in a new fork scope.</summary>
    void Fork(ActivityNode node, IReadOnlyList<string> branches, ForkFrame[] frames);

    /// <summary>A path arrived at a join: waits for the others, or (wait any) goes on and withdraws them.</summary>
    void Join(ActivityNode node, bool waitAny, ForkFrame[] frames);

    /// <summary>Ends the whole case: drops the queue and withdraws all open work.</summary>
    void FinishCase();

    /// <summary>Evaluates a compiled input; what a script assigns is journalled.</summary>
    object? Evaluate(CompiledValue value, ActivityNode node);

    /// <summary>The instant a time limit falls due, counted from now.</summary>
    DateTimeOffset Due(CompiledTime time, ActivityNode node);

    /// <summary>The instant a time limit falls due, counted from <paramref name="from"/> (a wait's recorded start).</summary>
    DateTimeOffset Due(CompiledTime time, ActivityNode node, DateTimeOffset from);

    /// <summary>Checks data against a form and its rules; throws <see cref="StimulusRejectedException"/> with <paramref name="code"/>.</summary>
    void CheckForm(ActivityNode node, IReadOnlyList<FormField>? fields, IReadOnlyList<FormRule>? rules, Dictionary<string, object?> data, string? outcome, string code);

    void RaiseIncident(ActivityNode node, ForkFrame[] frames, string code, string message, string? expression, int attempts);
}
