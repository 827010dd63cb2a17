namespace Archives.Workflow.Engine.Definitions;

/// <summary>
/// When something falls due, relative to the moment it starts: exactly one of
/// <c>{ "workingDays": 15 }</c> (end of the 15th working day after), <c>{ "duration": "P1M" }</c>
/// (ISO 8601 calendar time) or <c>{ "at": { "expression": … } }</c> (a computed instant).
/// </summary>
public sealed record TimeSpec
{
    public int? WorkingDays { get; init; }

    public string? Duration { get; init; }

    public WorkflowExpression? At { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }

    public static TimeSpec OfWorkingDays(int days) => new() { WorkingDays = days };

    public static TimeSpec OfDuration(string isoDuration) => new() { Duration = isoDuration };

    public override string ToString() =>
        WorkingDays is { } days ? $"{days} working days" : Duration ?? (At is { } at ? $"at {at.Text}" : "(none)");
}
