namespace Archives.Workflow.Cases.Files;

/// <summary>One document in a file, numbered <c>category[-subclass]-sequence</c> (4-2-3).</summary>
public sealed class Material
{
    public Guid Id { get; set; }

    public Guid FileId { get; set; }

    /// <summary>1–10.</summary>
    public int Category { get; set; }

    /// <summary>1–4 for categories 4 and 9; none otherwise.</summary>
    public int? SubClass { get; set; }

    /// <summary>Position within its category (or sub-class), from 1.</summary>
    public int Sequence { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    public DateOnly FormedOn { get; set; }

    public required string FormingUnit { get; set; }

    public int Pages { get; set; }

    public bool Original { get; set; } = true;

    public Confidentiality Confidentiality { get; set; }

    /// <summary>SHA-256 (lowercase hex) of the digital copy, when there is one.</summary>
    public string? DigitalCopySha256 { get; set; }

    /// <summary>Received more than one month after it was formed: still filed, and flagged for good.</summary>
    public bool Late { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public string? AddedBy { get; set; }

    public static string Format(int category, int? subClass, int sequence) =>
        subClass is { } sub ? $"{category}-{sub}-{sequence}" : $"{category}-{sequence}";
}

/// <summary>Confidential and secret materials are shown only to confidentiality officers.</summary>
public enum Confidentiality
{
    Public,
    Internal,
    Confidential,
    Secret,
}
