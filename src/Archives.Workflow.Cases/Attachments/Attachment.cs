namespace Archives.Workflow.Cases.Attachments;

/// <summary>A scan attached to a case (at one of its tasks): the bytes, and their SHA-256 to prove them unchanged.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }

    public Guid CaseId { get; set; }

    /// <summary>The task it was attached at, if any.</summary>
    public string? TaskId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, lower-case hexadecimal.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Content { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}
