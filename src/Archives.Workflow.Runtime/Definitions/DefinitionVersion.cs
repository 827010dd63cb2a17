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

    public string? PublishedBy { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }
}
