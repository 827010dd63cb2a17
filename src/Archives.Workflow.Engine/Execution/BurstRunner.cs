using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution.Effects;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Forms;

namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// One burst of execution: a stimulus is checked (and refused before anything changes), applied to
/// a copy of the state, and the queue of activities ready to run is drained, each path stopping at a
/// bookmark, an end or an incident. The burst keeps the queue, the connections, the bookmarks, the
/// fork scopes, the journal and the effects; what an activity does is its behaviour's
/// (<see cref="ActivityBehaviour"/>), reached through <see cref="IActivityContext"/>.
/// </summary>
internal sealed class BurstRunner : IActivityContext
{
    private const string System = "system";

    private readonly ExecutableWorkflow workflow;
    private readonly WorkflowEnvironment environment;
    private readonly DateTimeOffset now;
    // Sized for a typical burst so that the lists rarely grow.
    private readonly List<Effect> effects = new(4);
    private readonly List<JournalEvent> events = new(16);
    private readonly Queue<WorkItem> queue = new();
    private List<string>? warnings;
    private WorkflowState state = null!;
    private int steps;
    private bool finished;

    public DateTimeOffset Now => now;

    public WorkflowState State => state;

    public BurstRunner(ExecutableWorkflow workflow, WorkflowEnvironment environment)
    {
        this.workflow = workflow;
        this.environment = environment;
        now = environment.Now.ToOffset(ChinaTime.Offset);
    }

    private readonly record struct WorkItem(int Node, ForkFrame[] Frames);

    public Burst Start(StartWorkflow start)
    {
        state = new WorkflowState
        {
            InstanceId = start.InstanceId,
            DefinitionId = workflow.DefinitionId,
            DefinitionVersion = workflow.Version,
            Status = WorkflowStatus.Running,
            StartedAt = now,
        };
        var input = state.Input;
        if (start.Input is not null)
        {
            foreach (var pair in start.Input)
            {
                input[pair.Key] = Values.Normalize(pair.Value);
            }
        }

        // A definition that declares its inputs gets them checked like a form; one that declares none takes any.
        if (workflow.Definition.Inputs.Count > 0)
        {
            var inputErrors = FormValidator.ValidateFields(workflow.Definition.Inputs, input, ChinaTime.DateOf(now));
            if (inputErrors.Count > 0)
            {
                throw new StimulusRejectedException("InvalidInput", "The case's start input is invalid: " + string.Join("; ", inputErrors), null, inputErrors);
            }
        }

        foreach (var variable in workflow.Definition.Variables)
        {
            state.Variables[variable.Name] = variable.Value is { } value ? Values.Normalize(value) : null;
        }

        Emit(JournalEventTypes.WorkflowStarted, actor: start.Actor ?? System, data: input);
        queue.Enqueue(new WorkItem(workflow.StartIndex, []));
        return Finish();
    }

    public Burst Resume(WorkflowState original, Stimulus stimulus)
    {
        if (original.IsClosed)
        {
            throw new StimulusRejectedException("InstanceClosed", $"The case is {original.Status}; it accepts nothing more.");
        }

        if (stimulus is not MigrateWorkflow &&
            (original.DefinitionId != workflow.DefinitionId || original.DefinitionVersion != workflow.Version))
        {
            throw new ArgumentException(
                $"The case runs {original.DefinitionId} v{original.DefinitionVersion}, not {workflow.DefinitionId} v{workflow.Version}.", nameof(original));
        }

        state = original.Clone();
        switch (stimulus)
        {
            case TaskCompleted completed: CompleteTask(completed); break;
            case TimerFired fired: FireTimer(fired); break;
            case SignalReceived signal: ReceiveSignal(signal); break;
            case JobSucceeded succeeded: SettleJob(succeeded.BookmarkId, succeeded); break;
            case JobFailed failed: SettleJob(failed.BookmarkId, failed); break;
            case CancelWorkflow cancel: Cancel(cancel); break;
            case RetryIncident retry: Retry(retry); break;
            case MigrateWorkflow migrate: Migrate(migrate); break;
            case CalendarChanged changed: MoveDeadlines(changed); break;
            default: throw new StimulusRejectedException("StimulusUnknown", $"Unknown stimulus {stimulus.GetType().Name}.");
        }

        return Finish();
    }

    // ---- stimuli -------------------------------------------------------------------------------

    private void CompleteTask(TaskCompleted completed)
    {
        var task = FindBookmark(completed.TaskId, BookmarkKind.Task)
            ?? throw new StimulusRejectedException("TaskNotOpen", $"The task '{completed.TaskId}' is not open (done, withdrawn or unknown).");
        var node = NodeOf(task);
        node.Behaviour.Resume(node, task, completed, this);
    }

    private void FireTimer(TimerFired fired)
    {
        var timer = FindBookmark(fired.BookmarkId, BookmarkKind.Timer)
            ?? throw new StimulusRejectedException("BookmarkNotPending", $"The timer '{fired.BookmarkId}' is not pending (fired, cancelled or unknown).");
        var node = NodeOf(timer);
        RemoveBookmark(timer);
        node.Behaviour.Resume(node, timer, fired, this);
    }

    private void ReceiveSignal(SignalReceived received)
    {
        // A loop rather than a query: this is every signal's path, and a query costs a closure and an
        // iterator. Each wait's node is looked up once, for both passes.
        List<(Bookmark Bookmark, ActivityNode Node)>? waiting = null;
        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark.Kind == BookmarkKind.Signal && string.Equals(bookmark.Signal, received.Signal, StringComparison.Ordinal))
            {
                (waiting ??= new(1)).Add((bookmark, NodeOf(bookmark)));
            }
        }

        if (waiting is null)
        {
            throw new StimulusRejectedException("NoWaitingSignal", $"The case is not waiting for the signal '{received.Signal}'.");
        }

        // Every wait accepts the payload before any goes on: a refusal leaves all of them waiting.
        foreach (var (bookmark, node) in waiting)
        {
            node.Behaviour.Accept(node, bookmark, received, this);
        }

        foreach (var (bookmark, node) in waiting)
        {
            node.Behaviour.Resume(node, bookmark, received, this);
        }
    }

    private void SettleJob(string bookmarkId, Stimulus settled)
    {
        var job = FindBookmark(bookmarkId, BookmarkKind.Job)
            ?? throw new StimulusRejectedException("BookmarkNotPending", $"The job '{bookmarkId}' is not pending (done, cancelled or unknown).");
        var node = NodeOf(job);
        node.Behaviour.Resume(node, job, settled, this);
    }

    private void MoveDeadlines(CalendarChanged changed)
    {
        if (environment.Calendar.Version != changed.Version)
        {
            throw new StimulusRejectedException("CalendarVersionMismatch",
                $"The deadlines were to move with calendar version {changed.Version}, but the burst counts with version {environment.Calendar.Version?.ToString(global::System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}.");
        }

        var moves = Deadlines.Moves(workflow, state, environment.Calendar);
        if (moves.Count == 0)
        {
            throw new StimulusRejectedException("NoDeadlineMoves", $"No open deadline of the case moves with calendar version {changed.Version}.");
        }

        foreach (var move in moves)
        {
            var bookmark = state.Bookmarks.Find(b => string.Equals(b.Id, move.BookmarkId, StringComparison.Ordinal))!;
            ReplaceBookmark(bookmark, bookmark with { DueAt = move.To });
            effects.Add(new MoveDeadline(move.BookmarkId, move.ActivityId, move.Kind, move.Purpose, move.From, move.To));
            if (move.Kind == BookmarkKind.Timer)
            {
                effects.Add(new ScheduleTimer(move.BookmarkId, move.ActivityId, move.To, move.Purpose ?? TimerPurpose.Delay));
            }

            Emit(JournalEventTypes.DeadlineMoved, move.ActivityId, bookmarkId: move.BookmarkId, actor: changed.Actor ?? System,
                name: move.Purpose?.ToString() ?? move.Kind.ToString(), value: Values.FormatInstant(move.From), dueAt: move.To,
                data: new Dictionary<string, object?>
                {
                    ["calendar"] = (double)changed.Version,
                    ["since"] = Values.FormatInstant(move.Since),
                    ["workingDays"] = (double)move.WorkingDays,
                });
        }
    }

    private void Cancel(CancelWorkflow cancel)
    {
        CancelAll("CaseCancelled");
        state.Incidents.Clear();
        state.Scopes.Clear();
        state.Status = WorkflowStatus.Cancelled;
        Emit(JournalEventTypes.WorkflowCancelled, actor: cancel.Actor ?? System, value: cancel.Reason);
    }

    private void Retry(RetryIncident retry)
    {
        var incident = state.Incidents.Find(i => i.Id == retry.IncidentId)
            ?? throw new StimulusRejectedException("IncidentNotOpen", $"The incident '{retry.IncidentId}' is not open.");
        state.Incidents.Remove(incident);
        var node = workflow.Find(incident.ActivityId)
            ?? throw new StimulusRejectedException("MigrationIncompatible", $"The activity '{incident.ActivityId}' no longer exists.", incident.ActivityId);
        Emit(JournalEventTypes.IncidentRetried, node.Id, actor: retry.Actor ?? System, name: incident.Id);
        queue.Enqueue(new WorkItem(node.Index, incident.Frames));
    }

    private void Migrate(MigrateWorkflow migrate)
    {
        if (state.DefinitionId != workflow.DefinitionId || migrate.TargetVersion != workflow.Version)
        {
            throw new StimulusRejectedException("MigrationTargetMismatch",
                $"Migration to v{migrate.TargetVersion} of {state.DefinitionId} was asked, but {workflow.DefinitionId} v{workflow.Version} was given.");
        }

        var plan = MigrationPlan.Of(workflow, state, migrate.Mapping);
        if (plan.Errors.Count > 0)
        {
            throw new StimulusRejectedException("MigrationIncompatible",
                $"The case cannot move to v{workflow.Version}: " + string.Join("; ", plan.Errors), plan.Errors[0].Field, plan.Errors);
        }

        // Every wait keeps its id, its instant and its place in the forks; only the activity it belongs to changes.
        if (plan.Moves.Count > 0)
        {
            string Moved(string activityId) => plan.Moves.GetValueOrDefault(activityId, activityId);
            for (var i = 0; i < state.Bookmarks.Count; i++)
            {
                state.Bookmarks[i] = state.Bookmarks[i] with { ActivityId = Moved(state.Bookmarks[i].ActivityId) };
            }

            for (var i = 0; i < state.Scopes.Count; i++)
            {
                var scope = state.Scopes[i];
                state.Scopes[i] = scope with
                {
                    ForkActivityId = Moved(scope.ForkActivityId),
                    JoinActivityId = scope.JoinActivityId is { } join ? Moved(join) : null,
                };
            }

            for (var i = 0; i < state.Incidents.Count; i++)
            {
                state.Incidents[i] = state.Incidents[i] with { ActivityId = Moved(state.Incidents[i].ActivityId) };
            }
        }

        var revised = migrate.ReviseTasks ? ReviseWaits() : null;
        var from = state.DefinitionVersion;
        state.DefinitionVersion = workflow.Version;
        var data = new Dictionary<string, object?> { ["fromVersion"] = (double)from, ["toVersion"] = (double)workflow.Version };
        if (plan.Moves.Count > 0)
        {
            // Only when something moved, so that the journal of a plain migration stays as it always was.
            data["mapping"] = plan.Moves.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal);
        }

        if (revised is not null)
        {
            data["tasks"] = revised;
        }

        Emit(JournalEventTypes.Migrated, actor: migrate.Actor ?? System, name: state.DefinitionId, data: data);
    }

    /// <summary>
    /// Each wait, now in an activity of the target version, is brought in line with that activity (an open
    /// task takes its title, role, due date…); what the waits became, by bookmark id in the state's order,
    /// or null when none was revised. A limit or an assignee whose expression fails refuses the migration.
    /// </summary>
    private Dictionary<string, object?>? ReviseWaits()
    {
        Dictionary<string, object?>? revised = null;
        foreach (var bookmark in state.Bookmarks.ToArray())
        {
            var node = NodeOf(bookmark);
            IReadOnlyDictionary<string, object?>? became;
            try
            {
                became = node.Behaviour.TakeOver(node, bookmark, this);
            }
            catch (ExpressionException ex)
            {
                var error = new FieldError(node.Id, "MigrationIncompatible", LocalizedText.Of(
                    $"新版本的活动“{node.Id}”无法为现有任务计算期限或经办人：{ex.Message}",
                    $"The new version's activity '{node.Id}' cannot compute the due date or assignee of the open task: {ex.Message}"));
                throw new StimulusRejectedException("MigrationIncompatible", error.Message.Get(LocalizedText.English), node.Id, [error]);
            }

            if (became is not null)
            {
                (revised ??= new Dictionary<string, object?>(StringComparer.Ordinal))[bookmark.Id] = became;
            }
        }

        return revised;
    }

    // ---- execution -----------------------------------------------------------------------------

    private Burst Finish()
    {
        while (queue.TryDequeue(out var item))
        {
            if (!ScopesAlive(item.Frames))
            {
                continue;
            }

            var node = workflow.Nodes[item.Node];
            if (++steps > environment.StepBudget)
            {
                RaiseIncident(node, item.Frames, "StepBudgetExceeded",
                    $"More than {environment.StepBudget} activities ran in one burst; the path looks like an endless loop.", null, 1);
                continue;
            }

            try
            {
                node.Behaviour.Execute(node, this, item.Frames);
            }
            catch (ExpressionException ex)
            {
                RaiseIncident(node, item.Frames, ex.Code, $"{ex.Message} (expression: {ex.Expression})", ex.Expression, 1);
            }
        }

        if (state.Status != WorkflowStatus.Cancelled)
        {
            if (finished || (state.Bookmarks.Count == 0 && state.Incidents.Count == 0))
            {
                state.Status = WorkflowStatus.Completed;
                Emit(JournalEventTypes.WorkflowCompleted, actor: System, name: state.Milestone);
                effects.Add(new Complete());
            }
            else if (state.Incidents.Count > 0)
            {
                state.Status = WorkflowStatus.Faulted;
            }
            else
            {
                state.Status = state.Bookmarks.Exists(b => b.Kind == BookmarkKind.Job) ? WorkflowStatus.Running : WorkflowStatus.Suspended;
            }
        }

        state.UpdatedAt = now;
        return new Burst(state, effects, events, warnings ?? (IReadOnlyList<string>)[]);
    }

    public void AddChildTimer(Bookmark parent, ActivityNode node, TimerPurpose purpose, DateTimeOffset due)
    {
        var timer = AddBookmark(new Bookmark
        {
            Id = NextId("timer"), Kind = BookmarkKind.Timer, ActivityId = node.Id, ParentId = parent.Id, Purpose = purpose,
            DueAt = due, CreatedAt = now, Frames = parent.Frames,
        });
        effects.Add(new ScheduleTimer(timer.Id, node.Id, due, purpose));
        Emit(JournalEventTypes.TimerScheduled, node.Id, bookmarkId: timer.Id, name: purpose.ToString(), dueAt: due);
    }

    public void FinishCase()
    {
        queue.Clear();
        CancelAll("CaseFinished");
        state.Scopes.Clear();
        state.Incidents.Clear();
        finished = true;
    }

    public void Fork(ActivityNode node, IReadOnlyList<string> branches, ForkFrame[] frames)
    {
        var targets = new List<(int Branch, int Target)>();
        for (var i = 0; i < branches.Count; i++)
        {
            var target = node.TargetOf(branches[i]);
            if (target >= 0)
            {
                targets.Add((i, target));
            }
        }

        if (targets.Count == 0)
        {
            Emit(JournalEventTypes.ActivityExecuted, node.Id);
            PathEnded(frames);
            return;
        }

        var scope = new ForkScope { Id = NextId("scope"), ForkActivityId = node.Id, Branches = targets.Count, ParentFrames = frames };
        state.Scopes.Add(scope);
        Emit(JournalEventTypes.ForkStarted, node.Id, name: scope.Id, value: (double)targets.Count);
        foreach (var (branch, target) in targets)
        {
            queue.Enqueue(new WorkItem(target, [.. frames, new ForkFrame(scope.Id, branch)]));
        }
    }

    public void Join(ActivityNode node, bool waitAny, ForkFrame[] frames)
    {
        if (frames.Length == 0 || FindScope(frames[^1].Scope) is not { } scope)
        {
            RaiseIncident(node, frames, "JoinWithoutFork", "A path reached the join without coming from a Fork.", null, 1);
            return;
        }

        if (waitAny)
        {
            Emit(JournalEventTypes.JoinCompleted, node.Id, port: Ports.Done, name: scope.Id);
            CloseScope(scope.Id);
            Follow(node, Ports.Done, scope.ParentFrames);
            return;
        }

        var arrived = scope with { Arrived = scope.Arrived + 1, JoinActivityId = node.Id };
        if (arrived.Arrived + arrived.Ended >= arrived.Branches)
        {
            state.Scopes.Remove(scope);
            Emit(JournalEventTypes.JoinCompleted, node.Id, port: Ports.Done, name: scope.Id);
            Follow(node, Ports.Done, scope.ParentFrames);
        }
        else
        {
            state.Scopes[state.Scopes.IndexOf(scope)] = arrived;
            Emit(JournalEventTypes.JoinWaiting, node.Id, name: scope.Id, value: (double)arrived.Arrived);
        }
    }

    /// <summary>A path ended (End, or an unconnected port): its fork scope may now be complete.</summary>
    public void PathEnded(ForkFrame[] frames)
    {
        if (frames.Length == 0 || FindScope(frames[^1].Scope) is not { } scope)
        {
            return;
        }

        var ended = scope with { Ended = scope.Ended + 1 };
        if (ended.Arrived + ended.Ended < ended.Branches)
        {
            state.Scopes[state.Scopes.IndexOf(scope)] = ended;
            return;
        }

        state.Scopes.Remove(scope);
        if (ended.Arrived > 0 && ended.JoinActivityId is { } joinId && workflow.Find(joinId) is { } join)
        {
            Emit(JournalEventTypes.JoinCompleted, join.Id, port: Ports.Done, name: scope.Id);
            Follow(join, Ports.Done, scope.ParentFrames);
        }
        else
        {
            PathEnded(scope.ParentFrames);
        }
    }

    /// <summary>WaitAny: withdraw every open task, timer, signal and job of the scope and of scopes nested in it.</summary>
    private void CloseScope(string scopeId)
    {
        var inScope = state.Bookmarks.Where(b => b.ParentId is null && Contains(b.Frames, scopeId)).Select(b => b.Id).ToList();
        foreach (var id in inScope)
        {
            if (state.Bookmarks.Find(b => b.Id == id) is { } bookmark)
            {
                CancelBookmark(bookmark, "OtherBranchWon");
            }
        }

        state.Incidents.RemoveAll(i => Contains(i.Frames, scopeId));
        state.Scopes.RemoveAll(s => s.Id == scopeId || Contains(s.ParentFrames, scopeId));
    }

    public void Follow(ActivityNode node, string port, ForkFrame[] frames)
    {
        var target = node.TargetOf(port);
        if (target < 0)
        {
            PathEnded(frames);
            return;
        }

        queue.Enqueue(new WorkItem(target, frames));
    }

    // ---- bookmarks -----------------------------------------------------------------------------

    public void AddEffect(Effect effect) => effects.Add(effect);

    public Bookmark AddBookmark(Bookmark bookmark)
    {
        state.Bookmarks.Add(bookmark);
        return bookmark;
    }

    public Bookmark? FindBookmark(string id, BookmarkKind kind)
    {
        foreach (var bookmark in state.Bookmarks)
        {
            if (bookmark.Kind == kind && string.Equals(bookmark.Id, id, StringComparison.Ordinal))
            {
                return bookmark;
            }
        }

        return null;
    }

    // The bookmark helpers below search by hand: they run on every resumption, where a predicate
    // would cost a closure and a delegate per call.
    public void RemoveBookmark(Bookmark bookmark)
    {
        var bookmarks = state.Bookmarks;
        for (var i = bookmarks.Count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(bookmarks[i], bookmark))
            {
                bookmarks.RemoveAt(i);
            }
        }
    }

    public void ReplaceBookmark(Bookmark old, Bookmark replacement) =>
        state.Bookmarks[IndexOf(old)] = replacement;

    public void CancelChildren(string parentId)
    {
        // Most bookmarks have no children: look before making a list of them.
        List<Bookmark>? children = null;
        foreach (var bookmark in state.Bookmarks)
        {
            if (string.Equals(bookmark.ParentId, parentId, StringComparison.Ordinal))
            {
                (children ??= []).Add(bookmark);
            }
        }

        if (children is null)
        {
            return;
        }

        foreach (var child in children)
        {
            CancelBookmark(child, "ParentDone");
        }
    }

    private int IndexOf(Bookmark bookmark)
    {
        var bookmarks = state.Bookmarks;
        for (var i = 0; i < bookmarks.Count; i++)
        {
            if (ReferenceEquals(bookmarks[i], bookmark))
            {
                return i;
            }
        }

        return -1;
    }

    private void CancelBookmark(Bookmark bookmark, string reason)
    {
        RemoveBookmark(bookmark);
        switch (bookmark.Kind)
        {
            case BookmarkKind.Task:
                effects.Add(new CancelTask(bookmark.Id, bookmark.ActivityId, reason));
                Emit(JournalEventTypes.TaskCancelled, bookmark.ActivityId, bookmarkId: bookmark.Id, actor: System, value: reason);
                break;
            case BookmarkKind.Timer:
                effects.Add(new CancelTimer(bookmark.Id, bookmark.ActivityId));
                Emit(JournalEventTypes.TimerCancelled, bookmark.ActivityId, bookmarkId: bookmark.Id, actor: System, value: reason);
                break;
            case BookmarkKind.Signal:
                Emit(JournalEventTypes.SignalCancelled, bookmark.ActivityId, bookmarkId: bookmark.Id, actor: System, name: bookmark.Signal, value: reason);
                break;
            case BookmarkKind.Job:
                effects.Add(new CancelJob(bookmark.Id, bookmark.ActivityId));
                Emit(JournalEventTypes.JobCancelled, bookmark.ActivityId, bookmarkId: bookmark.Id, actor: System, name: bookmark.Job, value: reason);
                break;
        }

        CancelChildren(bookmark.Id);
    }

    private void CancelAll(string reason)
    {
        while (state.Bookmarks.Count > 0)
        {
            var bookmark = state.Bookmarks.Find(b => b.ParentId is null) ?? state.Bookmarks[0];
            CancelBookmark(bookmark, reason);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private ActivityNode NodeOf(Bookmark bookmark) =>
        workflow.Find(bookmark.ActivityId)
        ?? throw new InvalidOperationException($"The bookmark '{bookmark.Id}' points at '{bookmark.ActivityId}', which {workflow.DefinitionId} v{workflow.Version} does not have.");

    private ForkScope? FindScope(string id)
    {
        foreach (var scope in state.Scopes)
        {
            if (string.Equals(scope.Id, id, StringComparison.Ordinal))
            {
                return scope;
            }
        }

        return null;
    }

    private bool ScopesAlive(ForkFrame[] frames)
    {
        foreach (var frame in frames)
        {
            if (FindScope(frame.Scope) is null)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(ForkFrame[] frames, string scopeId)
    {
        foreach (var frame in frames)
        {
            if (string.Equals(frame.Scope, scopeId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public string NextId(string kind) =>
        string.Concat(state.InstanceId, ":", kind, "-", (++state.LastId).ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    public void RaiseIncident(ActivityNode node, ForkFrame[] frames, string code, string message, string? expression, int attempts)
    {
        var incident = new Incident
        {
            Id = NextId("incident"), ActivityId = node.Id, Code = code, Message = message, Expression = expression,
            Attempts = attempts, At = now, Frames = frames,
        };
        state.Incidents.Add(incident);
        effects.Add(new Fault(incident));
        Emit(JournalEventTypes.IncidentRaised, node.Id, bookmarkId: incident.Id, actor: System, name: code, value: message);
    }

    private ExpressionScope? scope;

    /// <summary>The burst's expression scope: the state (and so its variables) is fixed for the whole burst.</summary>
    private ExpressionScope NewScope()
    {
        scope ??= new ExpressionScope
        {
            Variables = state.Variables,
            Input = state.Input,
            Now = now,
            Calendar = environment.Calendar,
        };
        scope.Assigned = null;
        return scope;
    }

    public object? Evaluate(CompiledValue value, ActivityNode node)
    {
        if (value.Script is null)
        {
            return value.LiteralValue;
        }

        try
        {
            return environment.Expressions.Evaluate(value.Script, NewScope());
        }
        finally
        {
            // Even when the script then fails: what it assigned is in the state, so it is in the journal.
            JournalAssignments(node);
        }
    }

    private void JournalAssignments(ActivityNode node)
    {
        if (scope?.Assigned is { } assigned)
        {
            scope.Assigned = null;
            foreach (var name in assigned)
            {
                Emit(JournalEventTypes.VariableSet, node.Id, name: name, value: state.Variables.GetValueOrDefault(name));
            }
        }
    }

    public DateTimeOffset Due(CompiledTime time, ActivityNode node) => Due(time, node, now);

    public DateTimeOffset Due(CompiledTime time, ActivityNode node, DateTimeOffset from)
    {
        DateTimeOffset due;
        int? uncoveredYear;
        try
        {
            due = time.DueFrom(from, environment.Calendar, environment.Expressions, NewScope, out uncoveredYear);
        }
        finally
        {
            JournalAssignments(node);
        }

        if (uncoveredYear is { } year)
        {
            var warning = environment.Calendar.UncoveredWarning(year, node.Id);
            warnings ??= [];
            if (!warnings.Contains(warning))
            {
                warnings.Add(warning);
            }
        }

        return due.ToOffset(ChinaTime.Offset);
    }

    public void CheckForm(ActivityNode node, IReadOnlyList<FormField>? fields, IReadOnlyList<FormRule>? rules, Dictionary<string, object?> data, string? outcome, string code)
    {
        if ((fields is null || fields.Count == 0) && (rules is null || rules.Count == 0) && data.Count == 0)
        {
            return;
        }

        // The same check a page runs before submitting (FormRuleScope), so both refuse the same data.
        var errors = new FormRuleScope(state.Variables, state.Input, now, environment.Calendar, environment.Expressions).Validate(fields, rules, data, outcome);
        if (errors.Count > 0)
        {
            throw new StimulusRejectedException(code, $"'{node.Id}' refused the data: " + string.Join("; ", errors), node.Id, errors);
        }
    }

    public void Emit(
        string type,
        string? activityId = null,
        string? port = null,
        string? bookmarkId = null,
        string? actor = null,
        string? name = null,
        object? value = null,
        DateTimeOffset? dueAt = null,
        IReadOnlyDictionary<string, object?>? data = null) =>
        events.Add(new JournalEvent
        {
            Sequence = ++state.JournalSequence,
            At = now,
            Type = type,
            ActivityId = activityId,
            Port = port,
            BookmarkId = bookmarkId,
            Actor = actor,
            Name = name,
            Value = value,
            DueAt = dueAt,
            Data = data,
        });
}
