namespace Archives.Workflow.Engine.Execution;

/// <summary>
/// An activity of an <see cref="ExecutableWorkflow"/>, with its connections resolved to indexes.
/// A behaviour whose activity has inputs derives its own node holding them compiled, so that running
/// it never meets a missing part.
/// </summary>
internal class ActivityNode(int index, ActivityDefinition definition, ActivityBehaviour behaviour)
{
    public int Index { get; } = index;

    public ActivityDefinition Definition { get; } = definition;

    /// <summary>What the activity's type does; the burst asks it instead of switching on the type.</summary>
    public ActivityBehaviour Behaviour { get; } = behaviour;

    public string Id => Definition.Id;

    public string Type => Definition.Type;

    /// <summary>Port name → index of the target activity.</summary>
    public Dictionary<string, int> Targets { get; } = new(StringComparer.Ordinal);

    /// <summary>Target of the <c>Done</c> port, or −1 (kept apart because most activities take it).</summary>
    public int DoneTarget { get; set; } = -1;

    public int TargetOf(string port)
    {
        if (ReferenceEquals(port, Ports.Done) || string.Equals(port, Ports.Done, StringComparison.Ordinal))
        {
            return DoneTarget;
        }

        return Targets.TryGetValue(port, out var target) ? target : -1;
    }
}

/// <summary>The node of a behaviour whose activity has inputs: they are compiled once, typed and never missing.</summary>
internal sealed class ActivityNode<TCompiled>(int index, ActivityDefinition definition, ActivityBehaviour behaviour, TCompiled compiled)
    : ActivityNode(index, definition, behaviour)
{
    public TCompiled Compiled { get; } = compiled;
}
