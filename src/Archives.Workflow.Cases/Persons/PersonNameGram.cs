namespace Archives.Workflow.Cases.Persons;

/// <summary>
/// One gram of a person's name (a character, or two adjacent characters, counted by Unicode code point) and the
/// person it belongs to: the name search looks fragments up here instead of reading every name. Kept in step with
/// <see cref="Person.Name"/> by <see cref="PersonNameGrams.Follow"/> whenever the context saves.
/// </summary>
public sealed class PersonNameGram
{
    public required string Gram { get; init; }

    public Guid PersonId { get; init; }
}
