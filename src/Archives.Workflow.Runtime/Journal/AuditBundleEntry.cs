namespace Archives.Workflow.Runtime.Journal;

/// <summary>One journal entry as stored: <see cref="Payload"/> is the exact canonical JSON text that was hashed.</summary>
public sealed record AuditBundleEntry(long Sequence, DateTimeOffset At, string? Actor, string Kind, string Type, string Payload, string Hash);
