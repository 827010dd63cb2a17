namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The record that a case's chain was recomputed under a newer <see cref="JournalRule"/> from its stored
/// entries (<c>archives cases rehash</c>), kept beside the journal (<c>workflow_journal_rehashes</c>, one
/// row per case): who did it, when, and the heads before and after, so that a head noted or exported
/// before the rehash can still be matched and verification can say the chain was rehashed.
/// </summary>
public sealed class JournalRehash
{
    public required string InstanceId { get; set; }

    public JournalRule FromRule { get; set; }

    public JournalRule ToRule { get; set; }

    /// <summary>How many entries were rehashed.</summary>
    public long Entries { get; set; }

    /// <summary>The head of the chain under <see cref="FromRule"/>.</summary>
    public required string OldHead { get; set; }

    /// <summary>The head under <see cref="ToRule"/>.</summary>
    public required string NewHead { get; set; }

    public required string RehashedBy { get; set; }

    public DateTimeOffset RehashedAt { get; set; }
}
