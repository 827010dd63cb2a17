using Archives.Workflow.Engine;
using Archives.Workflow.Engine.Definitions;

namespace Archives.Workflow.Runtime;

/// <summary>A published or retracted version was asked to change, or a version cannot be used as asked; nothing was stored.</summary>
public sealed class DefinitionLockedException : RefusalException
{
    public DefinitionLockedException(string message)
        : base(RefusalKind.Conflict, ErrorCodes.VersionLocked, LocalizedText.Plain(message))
    {
    }

    public DefinitionLockedException()
        : this("The version cannot change.")
    {
    }

    public DefinitionLockedException(string message, Exception inner)
        : base(RefusalKind.Conflict, ErrorCodes.VersionLocked, LocalizedText.Plain(message), inner: inner)
    {
    }
}
