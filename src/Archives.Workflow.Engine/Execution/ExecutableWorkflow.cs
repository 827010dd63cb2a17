using Archives.Workflow.Engine.Activities;
using Archives.Workflow.Engine.Definitions;
using Archives.Workflow.Engine.Expressions;
using Archives.Workflow.Engine.Validation;

namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// A validated definition compiled for execution: connections resolved to indexes, literals
/// converted and scripts parsed once. Immutable and safe to share between threads; compile each
/// definition version once and keep it.
/// </summary>
public sealed class ExecutableWorkflow
{
    private readonly Dictionary<string, int> indexById;

    private ExecutableWorkflow(WorkflowDefinition definition, ActivityNode[] nodes, int startIndex)
    {
        Definition = definition;
        Nodes = nodes;
        StartIndex = startIndex;
        indexById = new Dictionary<string, int>(nodes.Length, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            indexById[node.Id] = node.Index;
        }
    }

    public WorkflowDefinition Definition { get; }

    public string DefinitionId => Definition.DefinitionId;

    public int Version => Definition.Version;

    internal ActivityNode[] Nodes { get; }

    internal int StartIndex { get; }

    internal ActivityNode? Find(string activityId) =>
        indexById.TryGetValue(activityId, out var index) ? Nodes[index] : null;

    /// <summary>Validates and compiles; throws <see cref="DefinitionInvalidException"/> listing every error.</summary>
    public static ExecutableWorkflow Compile(WorkflowDefinition definition, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= ValidationOptions.Default;

        // JSON may say "variables": null; to the engine that is the same as none.
        definition = definition with { Variables = definition.Variables ?? [], Inputs = definition.Inputs ?? [] };
        var problems = new WorkflowDefinitionValidator(options).Check(definition);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new DefinitionInvalidException(errors);
        }

        var engine = options.Expressions;
        var activities = definition.Root.Activities;
        var nodes = new ActivityNode[activities.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            index[activity.Id] = i;
            nodes[i] = new ActivityNode
            {
                Index = i,
                Definition = activity,
                Kind = Enum.Parse<ActivityKind>(activity.Type),
            };
            CompileInputs(nodes[i], engine);
        }

        foreach (var connection in definition.Root.Connections)
        {
            var source = nodes[index[connection.Source.Activity]];
            var port = connection.Source.Port ?? Ports.Done;
            var target = index[connection.Target.Activity];
            if (port == Ports.Done)
            {
                source.DoneTarget = target;
            }

            source.Targets[port] = target;
        }

        var start = Array.FindIndex(nodes, n => n.Kind == ActivityKind.Start);
        return new ExecutableWorkflow(definition, nodes, start);
    }

    private static void CompileInputs(ActivityNode node, IExpressionEngine engine)
    {
        var activity = node.Definition;
        CompiledValue? Value(WorkflowExpression? e) => e is null ? null : CompiledValue.Compile(e, engine);
        CompiledTime? Time(TimeSpec? t) => t is null ? null : CompiledTime.Compile(t, engine);

        switch (node.Kind)
        {
            case ActivityKind.UserTask:
                node.Assignee = Value(activity.Assignee);
                node.Time = Time(activity.DueIn);
                node.Timeout = Time(activity.EscalateAfter);
                node.Reminders = [.. (activity.Reminders ?? []).Select(r => CompiledTime.Compile(r, engine))];
                break;
            case ActivityKind.Decision:
                node.Condition = Value(activity.Condition);
                break;
            case ActivityKind.Switch:
                node.Cases = [.. (activity.Cases ?? []).Select(c => (c.Name, CompiledValue.Compile(c.Condition, engine)))];
                break;
            case ActivityKind.Fork:
                node.Branches = [.. activity.Branches ?? []];
                break;
            case ActivityKind.Join:
                node.WaitAny = activity.Mode == JoinModes.WaitAny;
                break;
            case ActivityKind.Timer:
                node.Time = Time(activity.Delay);
                break;
            case ActivityKind.WaitForSignal:
                node.Timeout = Time(activity.Timeout);
                break;
            case ActivityKind.BackgroundJob:
                node.JobInput = [.. (activity.Input ?? new Dictionary<string, WorkflowExpression>()).Select(p => (p.Key, CompiledValue.Compile(p.Value, engine)))];
                node.Retry = activity.Retry ?? RetryPolicy.Default;
                break;
            case ActivityKind.SetVariable:
                node.Value = Value(activity.Value);
                break;
        }
    }
}
