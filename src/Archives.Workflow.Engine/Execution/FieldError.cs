namespace Archives.Workflow.Engine.Execution;

/// <summary>A problem with one field of submitted data, with a stable code and a message in both languages.</summary>
public sealed record FieldError(string Field, string Code, LocalizedText Message)
{
    public override string ToString() => $"{Field}: {Message.Get(LocalizedText.English)} [{Code}]";
}
