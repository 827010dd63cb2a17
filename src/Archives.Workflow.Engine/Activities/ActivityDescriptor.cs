namespace Archives.Workflow.Engine.Activities;

/// <summary>
/// What an activity type offers: its outcome ports and its properties. The validator, the
/// designer's palette and its property panel all read descriptors rather than knowing types.
/// </summary>
public sealed record ActivityDescriptor
{
    public required string Type { get; init; }

    public required LocalizedText DisplayName { get; init; }

    public required string Category { get; init; }

    public required LocalizedText Description { get; init; }

    /// <summary>Ports every activity of the type has.</summary>
    public IReadOnlyList<string> FixedPorts { get; init; } = [];

    /// <summary>Ports that depend on the activity's properties (outcomes, cases, branches).</summary>
    public Func<ActivityDefinition, IReadOnlyList<string>>? DynamicPorts { get; init; }

    /// <summary>Ports that exist only when a property is set (e.g. <c>Timeout</c> when a timeout is given).</summary>
    public Func<ActivityDefinition, IReadOnlyList<string>>? ConditionalPorts { get; init; }

    /// <summary>Ports that may be left unconnected on purpose (e.g. <c>Failed</c>: an incident is raised instead).</summary>
    public IReadOnlyList<string> OptionalPorts { get; init; } = [];

    public IReadOnlyList<PropertyDescriptor> Properties { get; init; } = [];

    /// <summary>True when reaching the activity ends its path (End, Finish): it needs no way out.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>True when the activity has no input (Start).</summary>
    public bool IsEntry { get; init; }

    /// <summary>The ports an activity of this type offers, in order.</summary>
    public IReadOnlyList<string> PortsOf(ActivityDefinition activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var ports = new List<string>(FixedPorts);
        if (DynamicPorts is not null)
        {
            ports.AddRange(DynamicPorts(activity).Where(p => p is not null));
        }

        if (ConditionalPorts is not null)
        {
            ports.AddRange(ConditionalPorts(activity));
        }

        return ports;
    }
}

/// <summary>A property of an activity type, as the property panel shows it.</summary>
/// <param name="Name">The JSON property name.</param>
/// <param name="Kind">Text, Expression, TimeSpec, StringList, Form, Rules, Cases, Choice, Number, InputMap, Retry, TimeSpecList, LocalizedText.</param>
/// <param name="Required">Whether the activity is invalid without it.</param>
/// <param name="AcceptsExpression">Whether a JavaScript expression may compute it.</param>
/// <param name="Choices">Allowed values of a Choice property.</param>
public sealed record PropertyDescriptor(
    string Name,
    string Kind,
    bool Required = false,
    bool AcceptsExpression = false,
    IReadOnlyList<string>? Choices = null);
