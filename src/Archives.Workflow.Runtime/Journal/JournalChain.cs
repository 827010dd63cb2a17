namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// The pure check of a case's hash chain: no database, no engine, only the entries and what the case
/// row records of them. Any edit, deletion or reordering of an entry, or a row that claims another
/// length or head, is found here; whether the events are the ones the engine would write is replay's question.
/// </summary>
public static class JournalChain
{
    /// <summary>
    /// Checks <paramref name="entries"/> (in sequence order) under <paramref name="rule"/>: sequences
    /// 1, 2, 3… without a gap, each hash chained to the one before, and the chain ending in
    /// <paramref name="recordedLength"/> entries and <paramref name="recordedHead"/>.
    /// </summary>
    public static ChainCheck Verify(IReadOnlyList<JournalEntry> entries, long recordedLength, string recordedHead, JournalRule rule)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(recordedHead);

        // In sequence order: a deleted entry leaves a gap, an edited or reordered one breaks the chain (the sequence is hashed).
        var previous = JournalHasher.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != i + 1)
            {
                return new ChainCheck(entries.Count, i + 1, $"entry {i + 1} is missing or out of order (found sequence {entry.Sequence})");
            }

            if (!JournalHasher.Matches(previous, entry, rule))
            {
                return new ChainCheck(entries.Count, entry.Sequence, $"entry {entry.Sequence} does not match its hash (rule {rule})");
            }

            previous = entry.Hash;
        }

        if (entries.Count != recordedLength || previous != recordedHead)
        {
            return new ChainCheck(entries.Count, entries.Count + 1,
                $"the case records {recordedLength} entries ending in {recordedHead[..Math.Min(12, recordedHead.Length)]}…, the journal has {entries.Count}");
        }

        return new ChainCheck(entries.Count, null, null);
    }
}
