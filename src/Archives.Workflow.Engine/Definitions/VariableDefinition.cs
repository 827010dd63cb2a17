namespace Archives.Workflow.Engine.Definitions;

/// <summary>A workflow variable: a name, a type name (String, Number, Boolean, Date, Object) and an optional initial value.</summary>
public sealed record VariableDefinition
{
    public required string Name { get; init; }

    public string TypeName { get; init; } = "Object";

    public JsonElement? Value { get; init; }

    public bool Equals(VariableDefinition? other) =>
        other is not null && Name == other.Name && TypeName == other.TypeName &&
        Value.HasValue == other.Value.HasValue && (!Value.HasValue || JsonElement.DeepEquals(Value.Value, other.Value!.Value));

    public override int GetHashCode() => HashCode.Combine(Name, TypeName);
}
