namespace Archives.Workflow.Cases.Casework;

/// <summary>What a staff member can do to a case from its page, beyond its tasks (see <see cref="CaseActions"/>).</summary>
public enum CaseAction
{
    /// <summary>Record that the expected file arrived (a receipt case waiting for <see cref="CaseSignals.FileArrived"/>).</summary>
    RecordArrival,

    /// <summary>Record that the receiving unit returned its receipt (a transfer-out waiting for <see cref="CaseSignals.ReceiptReturned"/>).</summary>
    RecordReceipt,

    /// <summary>Record the supplementary materials or documents the case waits for.</summary>
    RecordSupplement,

    /// <summary>Record the original unit's reply an identification waits for.</summary>
    RecordUnitReply,

    /// <summary>Record that the person signed the entrustment agreement (a receipt case waiting for <see cref="CaseSignals.AgreementSigned"/>).</summary>
    RecordAgreementSigned,

    /// <summary>Cancel the case, with a reason (supervisors).</summary>
    Cancel,
}
