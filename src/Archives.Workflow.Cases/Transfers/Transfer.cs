namespace Archives.Workflow.Cases.Transfers;

/// <summary>A file travelling into or out of an institution.</summary>
public sealed class Transfer
{
    public Guid Id { get; set; }

    public Guid FileId { get; set; }

    public Guid? CaseId { get; set; }

    public TransferDirection Direction { get; set; }

    public required string FromUnit { get; set; }

    public required string ToUnit { get; set; }

    public TransferMethod Method { get; set; }

    /// <summary>The TransferNotice that travels with the file.</summary>
    public string? NoticeNumber { get; set; }

    public string? TrackingNumber { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? ReceivedAt { get; set; }

    public DateTimeOffset? ReceiptReturnedAt { get; set; }

    public string? RecordedBy { get; set; }
}

public enum TransferDirection
{
    Incoming,
    Outgoing,
}

public enum TransferMethod
{
    ConfidentialPost,
    Courier,
    ExpressMail,
}
