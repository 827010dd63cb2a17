namespace Archives.Workflow.Runtime;

/// <summary>A published or retracted version was asked to change, or a version cannot be used as asked; nothing was stored.</summary>
public sealed class DefinitionLockedException : Exception
{
    public DefinitionLockedException(string message)
        : base(message)
    {
    }

    public DefinitionLockedException()
        : this("The version cannot change.")
    {
    }

    public DefinitionLockedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
