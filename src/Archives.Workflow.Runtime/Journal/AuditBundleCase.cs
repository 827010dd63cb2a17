namespace Archives.Workflow.Runtime.Journal;

/// <summary>Who and what a bundled case is, as the archives know it.</summary>
/// <param name="Id">The case's id.</param>
/// <param name="Number">The case number (UFR-2026-000123).</param>
/// <param name="ProcessId">The process (definition id).</param>
/// <param name="PersonName">The person whose file the case is about.</param>
/// <param name="InstitutionCode">The institution that handles the case.</param>
public sealed record AuditBundleCase(Guid Id, string Number, string ProcessId, string PersonName, string InstitutionCode);
