namespace Archives.Workflow.Cases.Notifications;

/// <summary>A message to a person or a staff member, kept in the outbox until a channel delivers it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public RecipientKind RecipientKind { get; set; }

    /// <summary>The person's id, or the staff member's user name.</summary>
    public required string Recipient { get; set; }

    public Guid? CaseId { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum RecipientKind
{
    Person,
    Staff,
}
