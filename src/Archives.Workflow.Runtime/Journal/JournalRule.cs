namespace Archives.Workflow.Runtime.Journal;

/// <summary>
/// How a chain's entries were hashed, recorded on each case (<c>workflow_instances.JournalRule</c>):
/// a chain keeps the rule it was written under until <c>archives cases rehash</c> moves it on.
/// </summary>
public enum JournalRule
{
    /// <summary>The instant with seven fractional digits (100-ns ticks): chains written before instants were cut to microseconds.
    /// PostgreSQL keeps six of them, so on PostgreSQL such a chain is checked allowing for the lost digit.</summary>
    Ticks = 1,

    /// <summary>The instant with six fractional digits (microseconds), what every supported database stores: every case written now.</summary>
    Microseconds = 2,
}
