namespace Archives.Workflow.Engine.Definitions;

/// <summary>One field of a task form, a signal payload or a case's start input.</summary>
public sealed record FormField
{
    public required string Name { get; init; }

    /// <summary>Text, Number, Date, Boolean, Choice, IdNumber or List (<see cref="FormFieldTypes"/>).</summary>
    public required string Type { get; init; }

    public LocalizedText? Label { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Required { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A .NET regular expression the whole text must match.</summary>
    public string? Pattern { get; init; }

    public IReadOnlyList<FormChoice>? Choices { get; init; }

    /// <summary>
    /// The fields of each row of a List field (any type but List). The value of a List field is an array of
    /// objects, one per row, each keyed by these fields' names.
    /// </summary>
    public IReadOnlyList<FormField>? Fields { get; init; }

    /// <summary>The fewest rows a List field may hold (none when absent).</summary>
    public int? MinItems { get; init; }

    /// <summary>The most rows a List field may hold (any number when absent).</summary>
    public int? MaxItems { get; init; }

    /// <summary>
    /// The outcomes the field belongs to: it is shown, required and checked only when the task is
    /// completed with one of them, and any value it holds for another outcome is refused as unknown.
    /// Null or empty: every outcome.
    /// </summary>
    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>True when the field belongs to <paramref name="outcome"/> (always when it names no outcomes; never for a null outcome otherwise).</summary>
    public bool AppliesTo(string? outcome) =>
        Outcomes is not { Count: > 0 } outcomes || (outcome is not null && outcomes.Contains(outcome, StringComparer.Ordinal));

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>One value of a Choice field.</summary>
public sealed record FormChoice
{
    public required string Value { get; init; }

    public LocalizedText? Label { get; init; }
}

/// <summary>The field types a form may use.</summary>
public static class FormFieldTypes
{
    public const string Text = "Text";
    public const string Number = "Number";
    public const string Date = "Date";
    public const string Boolean = "Boolean";
    public const string Choice = "Choice";
    public const string IdNumber = "IdNumber";

    /// <summary>Rows of fields (<see cref="FormField.Fields"/>); the value is an array of objects.</summary>
    public const string List = "List";

    public static readonly IReadOnlyList<string> All = [Text, Number, Date, Boolean, Choice, IdNumber, List];

    /// <summary>The types a List field's rows may use: every type but List.</summary>
    public static readonly IReadOnlyList<string> InRows = [Text, Number, Date, Boolean, Choice, IdNumber];
}

/// <summary>
/// A form-level rule: <see cref="Assert"/> must be truthy for the data to be accepted, otherwise
/// <see cref="Message"/> is reported against <see cref="Field"/>. It sees <c>form</c>, <c>outcome</c>,
/// <c>vars</c> and <c>input</c>. <see cref="Outcomes"/> limits it to some outcomes.
/// </summary>
public sealed record FormRule
{
    public required WorkflowExpression Assert { get; init; }

    public required LocalizedText Message { get; init; }

    public string? Field { get; init; }

    public IReadOnlyList<string>? Outcomes { get; init; }

    /// <summary>A stable code for clients; defaults to <c>RuleViolated</c>.</summary>
    public string? Code { get; init; }
}
