namespace Archives.Workflow.Engine.Expressions;

/// <summary>An expression did not parse, threw, or broke a sandbox limit: the definition's expression is at fault, so it is invalid input.</summary>
public sealed class ExpressionException : RefusalException
{
    public ExpressionException(string code, string expression, string message, Exception? inner = null)
        : base(RefusalKind.Invalid, code, LocalizedText.Plain(message), inner: inner)
    {
        Expression = expression;
    }

    public ExpressionException()
        : this(ErrorCodes.ExpressionFailed, string.Empty, "The expression failed.")
    {
    }

    public ExpressionException(string message)
        : this(ErrorCodes.ExpressionFailed, string.Empty, message)
    {
    }

    public ExpressionException(string message, Exception inner)
        : this(ErrorCodes.ExpressionFailed, string.Empty, message, inner)
    {
    }

    public string Expression { get; }
}
