namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// One entry of a case's journal: a stimulus (what came in) or an event (what the engine did).
/// <c>Hash = SHA-256(previous hash ‖ canonical JSON of this entry)</c>; the instance keeps the head.
/// </summary>
public sealed class JournalEntry
{
    public required string InstanceId { get; set; }

    /// <summary>1, 2, 3… within the case, stimuli and events together.</summary>
    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Actor { get; set; }

    /// <summary><see cref="JournalKinds.Stimulus"/> or <see cref="JournalKinds.Event"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The stimulus or event type.</summary>
    public required string Type { get; set; }

    /// <summary>Canonical JSON of the stimulus (with its instant) or of the event.</summary>
    public required string Payload { get; set; }

    public required string Hash { get; set; }
}

public static class JournalKinds
{
    public const string Stimulus = "Stimulus";
    public const string Event = "Event";
}
