namespace Archives.Workflow.Runtime.Journal;

/// <summary>A file that is not a readable audit bundle (not JSON, another format, cut short, a version missing): nothing was verified.</summary>
public sealed class AuditBundleInvalidException(string message, Exception? innerException = null) : Exception(message, innerException);
