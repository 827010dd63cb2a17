using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Calendar;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Execution;
using Archives.Workflow.Engine.Execution.Stimuli;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.TestSupport;

namespace Archives.Workflow.Engine.Tests.Support;

/// <summary>Builds small definitions in code: <c>Flow.New().Then(...).Connect(...)</c>.</summary>
internal sealed class Flow
{
    private readonly List<ActivityDefinition> activities = [new() { Id = "start", Type = ActivityTypes.Start }];
    private readonly List<ConnectionDefinition> connections = [];
    private readonly List<VariableDefinition> variables = [];
    private readonly List<FormField> inputs = [];
    private string last = "start";

    public static Flow New() => new();

    public Flow Variable(string name, object? initial = null, string typeName = "Object")
    {
        variables.Add(new VariableDefinition
        {
            Name = name,
            TypeName = typeName,
            Value = initial is null ? null : System.Text.Json.JsonSerializer.SerializeToElement(initial),
        });
        return this;
    }

    public Flow Input(FormField field)
    {
        inputs.Add(field);
        return this;
    }

    /// <summary>Adds an activity and connects the previous one's <paramref name="fromPort"/> to it.</summary>
    public Flow Then(ActivityDefinition activity, string fromPort = Ports.Done)
    {
        activities.Add(activity);
        Connect(last, fromPort, activity.Id);
        last = activity.Id;
        return this;
    }

    /// <summary>Adds an activity without connecting it.</summary>
    public Flow Add(ActivityDefinition activity)
    {
        activities.Add(activity);
        last = activity.Id;
        return this;
    }

    public Flow At(string activityId)
    {
        last = activityId;
        return this;
    }

    public Flow Connect(string from, string port, string to)
    {
        connections.Add(new ConnectionDefinition
        {
            Source = new ConnectionEndpoint { Activity = from, Port = port },
            Target = new ConnectionEndpoint { Activity = to, Port = Ports.In },
        });
        return this;
    }

    public WorkflowDefinition Definition(string id = "test-flow") => new()
    {
        DefinitionId = id,
        Name = LocalizedText.Of("测试", "Test"),
        Variables = variables,
        Inputs = inputs,
        Root = new FlowchartDefinition { Activities = activities, Connections = connections },
    };

    public ExecutableWorkflow Compile() => ExecutableWorkflow.Compile(Definition());

    // ---- activity shorthands -------------------------------------------------------------------

    public static ActivityDefinition End(string id = "end") => new() { Id = id, Type = ActivityTypes.End };

    public static ActivityDefinition Finish(string id = "finish") => new() { Id = id, Type = ActivityTypes.Finish };

    public static ActivityDefinition Task(string id, params string[] outcomes) => new()
    {
        Id = id,
        Type = ActivityTypes.UserTask,
        Role = Roles.Caseworker,
        Title = LocalizedText.Of("任务 " + id, "Task " + id),
        Outcomes = outcomes.Length == 0 ? ["Done"] : outcomes,
        Form = [new FormField { Name = "comment", Type = FormFieldTypes.Text, MaxLength = 500 }],
    };

    public static ActivityDefinition Timer(string id, TimeSpec delay) => new() { Id = id, Type = ActivityTypes.Timer, Delay = delay };

    public static ActivityDefinition Set(string id, string variable, WorkflowExpression value) =>
        new() { Id = id, Type = ActivityTypes.SetVariable, Variable = variable, Value = value };

    public static ActivityDefinition Job(string id, string job) => new() { Id = id, Type = ActivityTypes.BackgroundJob, Job = job };

    public static ActivityDefinition Signal(string id, string signal, TimeSpec? timeout = null) =>
        new() { Id = id, Type = ActivityTypes.WaitForSignal, Signal = signal, Timeout = timeout };

    public static ActivityDefinition Milestone(string id, string milestone) =>
        new() { Id = id, Type = ActivityTypes.Milestone, Milestone = milestone };

    public static ActivityDefinition Decision(string id, string script) =>
        new() { Id = id, Type = ActivityTypes.Decision, Condition = WorkflowExpression.JavaScript(script) };

    public static ActivityDefinition Fork(string id, params string[] branches) =>
        new() { Id = id, Type = ActivityTypes.Fork, Branches = branches };

    public static ActivityDefinition Join(string id, string mode) => new() { Id = id, Type = ActivityTypes.Join, Mode = mode };

    public static WorkflowExpression Js(string script) => WorkflowExpression.JavaScript(script);

    public static WorkflowExpression Literal<T>(T value) => WorkflowExpression.Literal(value);
}

/// <summary>Drives one case through the interpreter on a hand-moved clock.</summary>
internal sealed class Case
{
    private readonly ExecutableWorkflow workflow;
    private readonly WorkingDayCalendar calendar;

    public Case(ExecutableWorkflow workflow, DateTimeOffset? start = null, WorkingDayCalendar? calendar = null, IReadOnlyDictionary<string, object?>? input = null)
    {
        this.workflow = workflow;
        this.calendar = calendar ?? Calendars.China;
        Now = start ?? Monday;
        Last = WorkflowInterpreter.Start(workflow, "case-1", input, Environment(), "tester");
        Journal.AddRange(Last.Events);
    }

    /// <summary>Monday 2 March 2026, 09:00 China Standard Time.</summary>
    public static DateTimeOffset Monday { get; } = new(2026, 3, 2, 9, 0, 0, ChinaTime.Offset);

    public DateTimeOffset Now { get; set; }

    public Burst Last { get; private set; }

    public WorkflowState State => Last.State;

    public List<JournalEvent> Journal { get; } = [];

    public WorkflowEnvironment Environment() => new(Now, calendar, JintExpressionEngine.Shared);

    public Burst Apply(Stimulus stimulus)
    {
        Last = WorkflowInterpreter.Resume(workflow, State, stimulus, Environment());
        Journal.AddRange(Last.Events);
        return Last;
    }

    public Bookmark Task(string activityId) =>
        State.Bookmarks.Single(b => b.Kind == BookmarkKind.Task && b.ActivityId == activityId);

    public Bookmark Pending(BookmarkKind kind, string activityId) =>
        State.Bookmarks.First(b => b.Kind == kind && b.ActivityId == activityId);

    public IEnumerable<string> OpenTasks => State.Bookmarks.Where(b => b.Kind == BookmarkKind.Task).Select(b => b.ActivityId);

    public Burst Complete(string activityId, string outcome, Dictionary<string, object?>? data = null) =>
        Apply(new TaskCompleted(Task(activityId).Id, outcome, data) { Actor = "caseworker" });

    public Burst Signal(string name, Dictionary<string, object?>? data = null) => Apply(new SignalReceived(name, data) { Actor = "clerk" });

    public Burst SucceedJob(string activityId, Dictionary<string, object?>? result = null) =>
        Apply(new JobSucceeded(Pending(BookmarkKind.Job, activityId).Id, result));

    public Burst FailJob(string activityId, string error = "boom") =>
        Apply(new JobFailed(Pending(BookmarkKind.Job, activityId).Id, error));

    /// <summary>Moves the clock to the timer's due time and fires it.</summary>
    public Burst FireTimer(Bookmark timer)
    {
        Now = timer.DueAt!.Value;
        return Apply(new TimerFired(timer.Id));
    }
}

internal static class Calendars
{
    public static WorkingDayCalendar China { get; } = WorkingDayCalendar.LoadDirectory(RepositoryRoot.Combine("workflows", "calendars"));
}
