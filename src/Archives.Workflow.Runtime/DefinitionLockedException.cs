namespace Archives.Workflow.Runtime;

/// <summary>A published or retracted version was asked to change, or a version cannot be used as asked; nothing was stored.</summary>
public sealed class DefinitionLockedException(string message)
    : RefusalException(RefusalKind.Conflict, ErrorCodes.VersionLocked, LocalizedText.Plain(message));
