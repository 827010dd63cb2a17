namespace Archives.Workflow.Runtime.Journal;

/// <summary>What a case's row records of its journal and its definition: all a verification needs beside the entries.</summary>
/// <param name="InstanceId">The case's workflow instance.</param>
/// <param name="DefinitionId">The definition it runs.</param>
/// <param name="DefinitionVersion">The version it runs on now (after any migration).</param>
/// <param name="JournalLength">How many entries the row says the journal holds.</param>
/// <param name="JournalHead">The hash of the last entry, as the row records it.</param>
/// <param name="JournalRule">The rule the chain is written under.</param>
public sealed record CaseHead(string InstanceId, string DefinitionId, int DefinitionVersion, long JournalLength, string JournalHead, JournalRule JournalRule)
{
    /// <summary>The head of <paramref name="instance"/>.</summary>
    public static CaseHead Of(WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new CaseHead(instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.JournalLength, instance.JournalHead, instance.JournalRule);
    }
}
