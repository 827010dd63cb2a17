namespace Archives.Workflow.Runtime.Definitions;

/// <summary>One stored version of a process definition. Published versions are immutable.</summary>
public sealed class DefinitionVersion
{
    public long Id { get; set; }

    public required string DefinitionId { get; set; }

    public int Version { get; set; }

    /// <summary>The definition's JSON, as saved.</summary>
    public required string Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, hexadecimal.</summary>
    public required string ContentHash { get; set; }

    public DefinitionState State { get; set; }

    /// <summary>The highest version of the definition.</summary>
    public bool IsLatest { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// How many times the content was saved: 1 when created, one more per save. A designer saves with the
    /// revision it loaded, so a draft saved meanwhile by someone else is not overwritten.
    /// </summary>
    public int Revision { get; set; } = 1;

    /// <summary>Who saved the content last (the creator until someone saves it again).</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>When the content was saved last.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who retracted the version (null while it was never retracted, and for versions retracted before this was kept).</summary>
    public string? RetractedBy { get; set; }

    /// <summary>When the version was retracted.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
}
