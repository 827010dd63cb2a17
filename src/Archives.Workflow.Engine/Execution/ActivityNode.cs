using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Engine.Execution;

/// <summary>An activity of an <see cref="ExecutableWorkflow"/>, with its connections resolved to indexes and its inputs compiled.</summary>
internal sealed class ActivityNode
{
    public required int Index { get; init; }

    public required ActivityDefinition Definition { get; init; }

    public string Id => Definition.Id;

    public string Type => Definition.Type;

    public required ActivityKind Kind { get; init; }

    /// <summary>Port name → index of the target activity.</summary>
    public Dictionary<string, int> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>Target of the <c>Done</c> port, or −1 (kept apart because most activities take it).</summary>
    public int DoneTarget { get; set; } = -1;

    public CompiledValue? Value { get; set; }

    public CompiledValue? Condition { get; set; }

    public (string Name, CompiledValue Condition)[] Cases { get; set; } = [];

    public CompiledValue? Assignee { get; set; }

    public (string Name, CompiledValue Value)[] JobInput { get; set; } = [];

    public CompiledTime? Time { get; set; }

    public CompiledTime? Timeout { get; set; }

    public CompiledTime[] Reminders { get; set; } = [];

    public string[] Branches { get; set; } = [];

    public bool WaitAny { get; set; }

    public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

    public int TargetOf(string port)
    {
        if (ReferenceEquals(port, Activities.Ports.Done) || string.Equals(port, Activities.Ports.Done, StringComparison.Ordinal))
        {
            return DoneTarget;
        }

        return Targets.TryGetValue(port, out var target) ? target : -1;
    }
}

internal enum ActivityKind
{
    Start,
    End,
    Finish,
    UserTask,
    Decision,
    Switch,
    Fork,
    Join,
    Timer,
    WaitForSignal,
    BackgroundJob,
    SetVariable,
    Milestone,
}
