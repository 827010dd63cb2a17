namespace Archives.Workflow.Engine.Expressions;

/// <summary>An expression did not parse, threw, or broke a sandbox limit.</summary>
public sealed class ExpressionException : Exception
{
    public ExpressionException(string code, string expression, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Expression = expression;
    }

    public ExpressionException()
        : this("ExpressionFailed", string.Empty, "The expression failed.")
    {
    }

    public ExpressionException(string message)
        : this("ExpressionFailed", string.Empty, message)
    {
    }

    public ExpressionException(string message, Exception inner)
        : this("ExpressionFailed", string.Empty, message, inner)
    {
    }

    /// <summary>ExpressionSyntax, ExpressionFailed, ExpressionTimeout, ExpressionMemoryLimit, ExpressionRecursionLimit or ExpressionStatementLimit.</summary>
    public string Code { get; }

    public string Expression { get; }
}
