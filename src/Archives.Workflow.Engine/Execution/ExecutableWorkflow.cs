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
            nodes[i] = options.Activities.Get(activity.Type).Compile(activity, i, engine);
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

        var start = Array.FindIndex(nodes, n => n.Behaviour.Descriptor.IsEntry);
        return new ExecutableWorkflow(definition, nodes, start);
    }
}
