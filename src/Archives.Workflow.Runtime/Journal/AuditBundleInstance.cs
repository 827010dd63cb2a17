namespace Archives.Workflow.Runtime.Journal;

/// <summary>What a case row records of its journal, which the chain must end in.</summary>
/// <param name="Id">The workflow instance id (hashed into every entry).</param>
/// <param name="DefinitionId">The definition the case runs.</param>
/// <param name="DefinitionVersion">The version it is on now.</param>
/// <param name="JournalLength">How many entries the case row counts.</param>
/// <param name="JournalHead">The hash of the last entry, as the case row keeps it.</param>
/// <param name="JournalRule">The rule the chain is hashed under.</param>
public sealed record AuditBundleInstance(string Id, string DefinitionId, int DefinitionVersion, long JournalLength, string JournalHead, JournalRule JournalRule);
