using System.Text.Json;

namespace Archives.Workflow.FaultTests;

/// <summary>An answer: its status (0 when none came) and body, and the node that gave it.</summary>
public sealed record Reply(int Status, JsonElement Body, int Node, string Text)
{
    public bool Ok => Status is >= 200 and < 300;

    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;
}
